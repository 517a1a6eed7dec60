package pastel;

import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import pastel.account.AccountFeature;
import pastel.account.AccountService;
import pastel.admin.AdminFeature;
import pastel.alttext.AltTextFeature;
import pastel.avatar.AvatarFeature;
import pastel.blob.BlobStore;
import pastel.block.BlockFeature;
import pastel.campaign.CampaignFeature;
import pastel.chat.ChatFeature;
import pastel.chat.ChatService;
import pastel.community.CommunityFeature;
import pastel.config.Config;
import pastel.db.Database;
import pastel.discovery.DiscoveryFeature;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.friend.FriendFeature;
import pastel.geofilter.GeofilterFeature;
import pastel.http.Api;
import pastel.insights.InsightsFeature;
import pastel.media.MediaFeature;
import pastel.ops.OpsFeature;
import pastel.publicpage.PublicPageFeature;
import pastel.push.PushFeature;
import pastel.ratelimit.RateLimitFeature;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.realtime.Hub;
import pastel.realtime.PostgresEventBus;
import pastel.realtime.RealtimeRoutes;
import pastel.report.ReportFeature;
import pastel.session.Authenticator;
import pastel.session.SessionFeature;
import pastel.session.SessionService;
import pastel.snap.SnapFeature;
import pastel.snap.SnapService;
import pastel.story.StoryFeature;
import pastel.subscription.SubscriptionFeature;
import pastel.sweep.Sweeper;
import pastel.team.TeamFeature;
import pastel.web.WebFeature;

/// The composition root: builds every feature through its factory, lists them in one table and
/// wires the HTTP server. What tests and the command line reach of a running server is in the
/// components; `events` is the bus under the push wrapper.
public record App(Database database, Javalin javalin, Sweeper sweeper, Api api, Hub hub, AccountService accounts,
                  BlobStore blobs, EventBus events, Runnable onClose) implements AutoCloseable {
    public static final Duration SWEEP_PERIOD = Duration.ofSeconds(30);

    public static App start(Config config, Clock clock) {
        return start(config, clock, Database.connect(config.databaseUrl(), config.dataDir(), null));
    }

    /// Starts the server on `database`: migrates it (while the features are built), sweeps what
    /// expired while no node ran, then opens the port; returns once it listens.
    public static App start(Config config, Clock clock, Database database) {
        var began = System.nanoTime();
        var migration = CompletableFuture.runAsync(database::migrate, Executors.newVirtualThreadPerTaskExecutor());
        var migrated = new AtomicBoolean(false);
        var core = Services.build(config, database, clock);
        var accounts = core.accounts();
        var auth = new Authenticator(core.sessions());
        var bus = EventBus.forNodesOf(database);
        // Services publish on the push feature's bus: the pushes an event causes are queued where it is published.
        var push = PushFeature.create(config, database, accounts, clock, bus, auth);
        var blobs = BlobStore.open(config);
        var p = new Platform(config, database, clock, push.events(), blobs);
        var limits = RateLimitFeature.create(p);
        accounts.beforeDelete(limits.limits()::forgetAccount);
        var media = MediaFeature.create(p, accounts);
        var spool = media.spool().dir();
        var friends = FriendFeature.create(p, accounts, auth, limits.limits());
        var subscriptions = SubscriptionFeature.create(p, accounts, auth);
        var blocks = BlockFeature.create(p, accounts, auth);
        // What a block ends, each part by its owner.
        friends.friends().onEnd(ChatService::deleteBetween);
        blocks.blocks().onBlock(friends.friends()::endBetween);
        blocks.blocks().onBlock(subscriptions.subscriptions()::endBetween);
        blocks.blocks().onBlock((h, a, b) -> {
            var snapMedia = SnapService.endBetween(h, a, b);
            // Promise 1 for the snaps nobody may open any more: bytes gone, after the commit.
            h.afterCommit(() -> snapMedia.forEach(media.media()::deleteById));
        });
        var avatars = AvatarFeature.create(p, accounts, media.media(), media.urls(), spool, auth);
        push.push().icons(accountId -> avatars.avatars().of(accounts.byId(accountId)).thumbUrl());
        var team = TeamFeature.create(p, accounts, auth);
        var geofilters = GeofilterFeature.create(p, team.team(), media.media(), media.urls(), spool, auth);
        var chats = ChatFeature.create(p, accounts, team.team(), auth);
        var texts = AltTextFeature.create(p, media.media(), accounts, team.team(), auth);
        var stories = StoryFeature.create(p, accounts, team.team(), media.media(), media.urls(), geofilters.geofilters(),
                core.ages(), chats.chats(), texts.texts(), auth);
        accounts.beforeDelete(team.team()::forgetActor);
        var hub = new Hub(subscriptions.subscriptions()::followersOf, core.sessions()::exists);
        // A session's end closes its live connections on this node at once; other nodes hear it (Hub#hear).
        core.sessions().onSignOut(hub::endSession);
        if (bus instanceof PostgresEventBus) { // the bus under the push wrapper
            // Other nodes' caches (feeds, sessions) hear of this node's changes at once, instead
            // of after their 5 s / 2 s bound.
            accounts.onChange(id -> p.events().publish(new Event.AccountChanged(clock.instant(), id)));
            core.sessions().onSignOut(hash -> p.events().publish(new Event.SessionEnded(clock.instant(), hash)));
        }
        var campaigns = CampaignFeature.create(p, accounts, team.team(), auth, limits.limits());
        var apiRef = new AtomicReference<Api>();
        var ops = OpsFeature.create(p, apiRef::get);
        var storage = Feature.named("database")
                // Last: what the passes above deleted leaves the SQLite log (secure_delete).
                .sweep("database-log", database::truncateLog);
        if (bus instanceof PostgresEventBus postgres) storage.sweep("bus-events", postgres::prune);

        // The table of features: routes, sweeps and listeners in this order.
        var features = List.of(
                ops.feature(),
                AccountFeature.create(accounts, avatars.views(), auth, limits.limits()),
                SessionFeature.create(core.sessions(), auth, avatars.views()),
                friends.feature(),
                avatars.feature(),
                blocks.feature(),
                subscriptions.feature(),
                DiscoveryFeature.create(p, core.ages(), auth),
                AdminFeature.create(accounts, auth),
                SnapFeature.create(p, accounts, friends.friends(), media.urls(), geofilters.geofilters(), texts.texts(), auth),
                chats.feature(),
                // Stories before media: an item's numbers are frozen before its media goes.
                stories.feature(),
                texts.feature(),
                team.feature(),
                InsightsFeature.create(p, team.team(), auth, campaigns.campaigns(), media.urls()),
                CommunityFeature.create(p, accounts, team.team(), stories.stories(), media.media(), media.urls(), texts.texts(), auth),
                geofilters.feature(),
                ReportFeature.create(p, core.accountStore(), media.urls(), auth),
                PublicPageFeature.create(p, accounts, stories.stories(), media.media(),
                        subscriptions.subscriptions()::subscriberCount),
                campaigns.feature(),
                media.feature(auth, texts.texts()::captions),
                limits.feature(),
                push.feature(),
                Feature.named("realtime").routes(RealtimeRoutes::document).listener(hub::hear).build(),
                WebFeature.create(),
                storage.build());

        var sweeper = new Sweeper(SWEEP_PERIOD);
        features.forEach(f -> f.sweeps().forEach(s -> sweeper.add(s.name(), s.task())));
        if (bus instanceof PostgresEventBus) sweeper.oncePerCluster(database.jdbi());
        var listeners = features.stream().flatMap(f -> f.listeners().stream()).toList();
        p.events().subscribe(event -> listeners.forEach(listener -> listener.accept(event)));
        var realtime = new RealtimeRoutes(hub, token -> core.sessions().authenticate(token)
                .map(a -> new RealtimeRoutes.Holder(a.id(), SessionService.hashOf(token))), migrated::get);
        var javalin = HttpServer.create(config, features, realtime, ops.requestLog(), spool, migrated, apiRef);
        try {
            migration.join();
        } catch (CompletionException e) {
            database.close();
            throw new IllegalStateException("database migration failed: " + e.getCause().getMessage(), e.getCause());
        }
        // Every expiry that passed while no node ran (a restored backup, a long outage) is applied
        // before anything is served.
        var swept = sweeper.sweepNow().values().stream().mapToInt(Integer::intValue).sum();
        if (swept > 0) LoggerFactory.getLogger(App.class).info("start-up sweep deleted={}", swept);
        migrated.set(true);
        // The port opens only now: a balancer without health checks (nginx) finds it closed while
        // the node starts and passes the request to another node, instead of receiving 503s that it
        // may not retry (a POST). The cluster drill showed 41 such 503s from a restarting node.
        javalin.start(config.host(), config.port());
        LoggerFactory.getLogger(App.class).info("started port={} ms={}", javalin.port(), (System.nanoTime() - began) / 1_000_000);
        sweeper.start();
        push.push().start();
        return new App(database, javalin, sweeper, apiRef.get(), hub, accounts, blobs, bus, () -> {
            // Features in reverse order of the table, then what they all stand on.
            features.reversed().forEach(f -> f.resources().reversed().forEach(HttpServer::closeQuietly));
            p.events().close();
            hub.close();
            blobs.close();
        });
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        sweeper.close();
        javalin.stop();
        onClose.run();
        database.close();
    }
}
