package pastel.ratelimit;

import pastel.account.AccountService;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Abuse limits as the composition root wires them: shared by several features' routes.
public record RateLimitFeature(RateLimiter limits, Feature feature) {
    public static RateLimitFeature create(Platform p, AccountService accounts) {
        var limits = new RateLimiter(p.jdbi(), p.clock(), p.config().abuseLimits());
        accounts.beforeDelete(limits::forgetAccount);
        return new RateLimitFeature(limits, Feature.named("rate-limits")
                .sweep("rate-limits", limits::sweep).closing(limits::close).build());
    }
}
