package pastel.subscription;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Subscriptions to public accounts as the composition root wires them.
public record SubscriptionFeature(SubscriptionService subscriptions, Feature feature) {
    public static SubscriptionFeature create(Platform p, AccountService accounts, CurrentAccount current) {
        var subscriptions = new SubscriptionService(p.jdbi(), accounts, p.clock());
        return new SubscriptionFeature(subscriptions, Feature.named("subscription")
                .routes(new SubscriptionRoutes(subscriptions, current)::register).build());
    }
}
