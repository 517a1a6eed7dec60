package pastel.friend;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.ratelimit.RateLimiter;

/// Friendships as the composition root wires them.
public record FriendFeature(FriendService friends, Feature feature) {
    public static FriendFeature create(Platform p, AccountService accounts, CurrentAccount current, RateLimiter limits) {
        var friends = new FriendService(p.database(), accounts, p.events(), p.clock());
        return new FriendFeature(friends, Feature.named("friend")
                .routes(new FriendRoutes(friends, current, limits)::register).build());
    }
}
