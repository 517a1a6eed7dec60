package pastel.campaign;

/// Subscriptions gained through one source and campaign tag over the insights period.
public record SourceCount(String source, String campaign, long subscriptions) {}
