package pastel.campaign;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import pastel.problem.PastelException;

/// Where a subscription came from: a poster's QR code (with its campaign tag), discovery, the
/// public page, a shared link, or elsewhere. Only counts are kept (per account, day, source and
/// campaign), never who subscribed.
public record SubscriptionSource(Source source, String campaign) {
    /// The ways into a subscription insights tells apart.
    public enum Source { QR, DISCOVER, PAGE, SHARE, OTHER }

    /// A campaign tag: what a team prints next to its QR code ("summer-festival", "bus.line-12").
    static final Pattern CAMPAIGN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public static final SubscriptionSource OTHER = new SubscriptionSource(Source.OTHER, "");

    public SubscriptionSource {
        campaign = campaign == null ? "" : campaign;
    }

    /// The `source` and `campaign` query parameters of a subscription; both optional, checked.
    public static SubscriptionSource parse(String source, String campaign) {
        var tag = campaign(campaign);
        if (source == null || source.isBlank()) return new SubscriptionSource(tag.isEmpty() ? Source.OTHER : Source.QR, tag);
        try {
            return new SubscriptionSource(Source.valueOf(source.strip().toUpperCase(Locale.ROOT)), tag);
        } catch (IllegalArgumentException e) {
            throw new PastelException.Invalid("source", "unknown", "must be one of qr, discover, page, share, other");
        }
    }

    /// A campaign tag, lower-cased; empty when absent.
    static String campaign(String raw) {
        if (raw == null || raw.isBlank()) return "";
        var tag = raw.strip().toLowerCase(Locale.ROOT);
        if (!CAMPAIGN.matcher(tag).matches()) {
            throw new PastelException.Invalid("campaign", "invalid",
                    "must be 1-64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        return tag;
    }

    /// Counts one subscription to `accountId` from this source, inside the subscription's transaction.
    public void count(Handle h, String accountId, Instant at) {
        CampaignStore.count(h, accountId, at, this);
    }
}
