package pastel.push;

import java.time.Clock;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.config.Config;
import pastel.db.Database;
import pastel.feature.Feature;
import pastel.realtime.EventBus;

/// Web Push as the composition root wires it. Built before the other features: the bus they
/// publish on ([#events]) queues the pushes each event causes.
public record PushFeature(PushService push, EventBus events, Feature feature) {
    public static PushFeature create(Config config, Database database, AccountService accounts, Clock clock,
                                     EventBus bus, CurrentAccount current) {
        var push = new PushService(database.jdbi(), accounts, clock, config.push().contact(),
                config.push().allowInsecureLoopback());
        return new PushFeature(push, new PushingEventBus(bus, push), Feature.named("push")
                .routes(new PushRoutes(push, current)::register)
                .sweep("push-keys", push::sweepKeys)
                .closing(push::close)
                .build());
    }
}
