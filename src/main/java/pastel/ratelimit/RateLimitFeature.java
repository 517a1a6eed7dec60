package pastel.ratelimit;

import pastel.feature.Feature;
import pastel.feature.Platform;

/// Abuse limits as the composition root wires them: shared by several features' routes (so this
/// package depends on none of them; App tells it of deleted accounts).
public record RateLimitFeature(RateLimiter limits, Feature feature) {
    public static RateLimitFeature create(Platform p) {
        var limits = new RateLimiter(p.jdbi(), p.clock(), p.config().abuseLimits());
        return new RateLimitFeature(limits, Feature.named("rate-limits")
                .sweep("rate-limits", limits::sweep).closing(limits::close).build());
    }
}
