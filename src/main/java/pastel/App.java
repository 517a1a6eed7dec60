package pastel;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.javalin.config.SizeUnit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import pastel.blob.BlobStore;
import pastel.blob.FileBlobStore;
import pastel.blob.S3BlobStore;
import pastel.media.MediaAccess;
import pastel.media.MediaRoutes;
import pastel.media.Spool;
import pastel.ratelimit.RateLimiter;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.snap.SnapRoutes;
import pastel.snap.SnapService;
import pastel.community.CommunityRoutes;
import pastel.community.CommunityService;
import pastel.geofilter.GeofilterOverlay;
import pastel.geofilter.GeofilterRoutes;
import pastel.geofilter.GeofilterService;
import pastel.avatar.AvatarRoutes;
import pastel.avatar.AvatarService;
import pastel.insights.InsightsRoutes;
import pastel.insights.InsightsService;
import pastel.http.StaticFiles;
import pastel.web.WebClient;
import pastel.publicpage.PublicPage;
import pastel.report.ReportRoutes;
import pastel.report.ReportService;
import pastel.story.StoryRoutes;
import pastel.story.StoryService;
import pastel.team.TeamRoutes;
import pastel.team.TeamService;
import pastel.chat.ChatRoutes;
import pastel.chat.ChatService;
import pastel.realtime.Event;
import pastel.realtime.EventBus;
import pastel.realtime.Hub;
import pastel.realtime.LocalEventBus;
import pastel.realtime.PostgresEventBus;
import pastel.realtime.RealtimeRoutes;
import pastel.push.PushRoutes;
import pastel.push.PushService;
import pastel.push.PushingEventBus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import pastel.account.AccountRoutes;
import pastel.account.AccountService;
import pastel.account.AccountStore;
import pastel.account.AccountViews;
import pastel.account.Ages;
import pastel.account.Passwords;
import pastel.admin.AdminRoutes;
import pastel.account.Relations;
import pastel.block.BlockRoutes;
import pastel.block.BlockService;
import pastel.config.Config;
import pastel.db.Database;
import pastel.discovery.DiscoveryRoutes;
import pastel.discovery.DiscoveryService;
import pastel.friend.FriendRoutes;
import pastel.friend.FriendService;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;
import pastel.ops.MetricsPort;
import pastel.ops.OpsRoutes;
import pastel.ops.RequestLog;
import pastel.problem.JettyProblemHandler;
import pastel.problem.PastelException;
import pastel.problem.Problems;
import pastel.session.Authenticator;
import pastel.session.SessionRoutes;
import pastel.session.SessionService;
import pastel.subscription.SubscriptionRoutes;
import pastel.subscription.SubscriptionService;
import pastel.sweep.Sweeper;

/// The composition root: builds every feature with plain constructors and wires the HTTP server.
public final class App implements AutoCloseable {
    public static final Duration SWEEP_PERIOD = Duration.ofSeconds(30);

    private final Database database;
    private final Javalin javalin;
    private final Sweeper sweeper;
    private final Api api;

    private final Runnable onClose;

    private final Hub hub;

    private final AccountService accounts;

    private BlobStore blobs;
    private EventBus events;

    private App(Database database, Javalin javalin, Sweeper sweeper, Api api, Runnable onClose, Hub hub,
                AccountService accounts) {
        this.accounts = accounts;
        this.hub = hub;
        this.onClose = onClose;
        this.database = database;
        this.javalin = javalin;
        this.sweeper = sweeper;
        this.api = api;
    }

    /// Core services, shared by the HTTP server and the command line.
    public record Services(AccountStore accountStore, AccountService accounts, SessionService sessions,
                           Ages ages, Passwords passwords) {
        public static Services build(Config config, Database database, Clock clock) {
            var ages = new Ages(clock);
            var passwords = new Passwords();
            var accountStore = new AccountStore(database.jdbi());
            var jdbi = database.jdbi();
            // The account rules ask the owners of blocks, friendships and subscriptions.
            var relations = new Relations((a, b) -> jdbi.withHandle(h -> BlockService.eitherBlocks(h, a, b)),
                    (a, b) -> jdbi.withHandle(h -> FriendService.areFriends(h, a, b)),
                    id -> jdbi.withHandle(h -> SubscriptionService.subscriberCount(h, id)));
            var accounts = new AccountService(accountStore, passwords, ages, clock, relations);
            var sessions = new SessionService(database.jdbi(), accountStore, passwords, clock, config.loginLimits());
            accounts.onChange(sessions::accountChanged);
            accounts.beforeDelete(id -> accountStore.byId(id).ifPresent(a -> sessions.forgetFailures(a.username())));
            accounts.beforeDelete(sessions::endAll);
            return new Services(accountStore, accounts, sessions, ages, passwords);
        }
    }

    public static App start(Config config, Clock clock) {
        return start(config, clock, Database.connect(config.databaseUrl(), config.dataDir(), null));
    }

    /// Starts the server on `database`, migrating it while Jetty starts; returns once both are done.
    public static App start(Config config, Clock clock, Database database) {
        var began = System.nanoTime();
        var migration = CompletableFuture.runAsync(database::migrate, Executors.newVirtualThreadPerTaskExecutor());
        var migrated = new AtomicBoolean(false);
        var core = Services.build(config, database, clock);
        var auth = new Authenticator(core.sessions());
        var rateLimits = new RateLimiter(database.jdbi(), clock, config.abuseLimits());
        core.accounts().beforeDelete(rateLimits::forgetAccount);
        EventBus bus = database.dialect() == Database.Dialect.POSTGRES
                ? new PostgresEventBus(database.jdbi(), database.url(),
                        database.schema() != null ? database.schema() : currentSchema(database))
                : new LocalEventBus();
        var push = new PushService(database.jdbi(), core.accounts(), clock, config.push().contact(),
                config.push().allowInsecureLoopback());
        // Services publish on this bus; the pushes an event causes are queued where it is published.
        EventBus events = new PushingEventBus(bus, push);
        var friends = new FriendService(database, core.accounts(), events, clock);
        var subscriptions = new SubscriptionService(database.jdbi(), core.accounts(), clock);
        var discovery = new DiscoveryService(database.jdbi(), core.ages());
        var blobs = openBlobs(config);
        // File ages are the filesystem's wall clock, not the injected one.
        var spool = Spool.open(blobs.incoming(), Clock.systemUTC());
        var media = new MediaService(new MediaStore(database.jdbi()), blobs, spool.dir(), clock);
        core.accounts().beforeDelete(media::deleteAllOf);
        var blocks = new BlockService(database.jdbi(), core.accounts(), clock);
        // What a block ends, each part by its owner.
        friends.onEnd(ChatService::deleteBetween);
        blocks.onBlock(friends::endBetween);
        blocks.onBlock(subscriptions::endBetween);
        blocks.onBlock((h, a, b) -> {
            var snapMedia = SnapService.endBetween(h, a, b);
            // Promise 1 for the snaps nobody may open any more: bytes gone, after the commit.
            h.afterCommit(() -> snapMedia.forEach(media::deleteById));
        });
        var urls = new SignedUrls(database.jdbi(), clock);
        var mediaAccess = new MediaAccess(database.jdbi(), clock);
        var avatars = new AvatarService(database.jdbi(), media, blobs, spool.dir(), urls, clock);
        push.icons(accountId -> avatars.of(core.accounts().byId(accountId)).thumbUrl());
        var views = new AccountViews(core.accounts(), avatars::of);
        var team = new TeamService(database.jdbi(), core.accounts(), clock);
        var geofilters = new GeofilterService(database.jdbi(), team, urls,
                new GeofilterOverlay(database.jdbi(), media, blobs, spool.dir(), clock), clock);
        var snaps = new SnapService(database.jdbi(), core.accounts(), friends, urls, geofilters, events, clock);
        var chats = new ChatService(database.jdbi(), core.accounts(), team, events, clock);
        var stories = new StoryService(database.jdbi(), core.accounts(), team, media, urls, geofilters, core.ages(),
                events, chats, clock);
        core.accounts().onChange(stories::accountChanged);
        core.accounts().beforeDelete(stories::forgetViewer);
        core.accounts().beforeDelete(team::forgetActor);
        var hub = new Hub(subscriptions::followersOf);
        // A session's end closes its live connections on this node at once; other nodes hear it
        // from the bus (SessionEnded below).
        core.sessions().onSignOut(hub::endSession);
        if (bus instanceof PostgresEventBus) { // the bus under the push wrapper
            // Other nodes' caches (feeds, sessions) hear of this node's changes at once, instead
            // of after their 5 s / 2 s bound.
            core.accounts().onChange(id -> events.publish(new Event.AccountChanged(clock.instant(), id)));
            core.sessions().onSignOut(hash -> events.publish(new Event.SessionEnded(clock.instant(), hash)));
        }
        events.subscribe(event -> {
            // Changes told by other nodes (and this one's own echo, harmlessly) reach the caches;
            // not through AccountService, which would tell the other nodes again.
            switch (event) {
                case Event.StoryPosted posted -> stories.accountChanged(posted.accountId());
                case Event.AccountChanged changed -> {
                    stories.accountChanged(changed.accountId());
                    core.sessions().accountChanged(changed.accountId());
                }
                case Event.SessionEnded ended -> {
                    core.sessions().forget(ended.tokenHash());
                    hub.endSession(ended.tokenHash());
                }
                default -> { }
            }
            hub.deliver(event);
        });
        var insights = new InsightsService(database.jdbi(), team, clock, config.insightsThreshold());
        var community = new CommunityService(database.jdbi(), core.accounts(), team, stories, media, urls, events, clock);
        var reports = new ReportService(database.jdbi(), core.accountStore(), clock);
        var texts = new pastel.alttext.MediaTexts(database.jdbi(), media.store(), core.accounts(), team, config.requireAlt(), clock);
        var publicPage = new PublicPage(core.accounts(), stories, media.store(), blobs, config.publicUrl(), clock,
                subscriptions::subscriberCount, texts, urls);

        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        var requestLog = new RequestLog(metrics);
        var metricsPort = config.metrics().port() == 0 ? null : MetricsPort.start(config.metrics().port(), metrics);

        var sweeper = new Sweeper(SWEEP_PERIOD)
                .add("sessions", core.sessions()::sweep)
                .add("snaps", snaps::sweep)
                .add("chat", chats::sweep)
                // Stories before media: an item's numbers are frozen before its media goes.
                .add("stories", stories::sweep)
                .add("story-daily-viewers", stories::sweepDailyViewers)
                .add("media", media::sweepExpired)
                .add("orphan-blobs", media::sweepOrphans)
                .add("upload-spool", spool::sweep)
                .add("rate-limits", rateLimits::sweep)
                .add("push-keys", push::sweepKeys)
                // Last: what the passes above deleted leaves the SQLite log (secure_delete).
                .add("database-log", database::truncateLog);
        if (bus instanceof PostgresEventBus postgres) {
            sweeper.add("bus-events", postgres::prune).oncePerCluster(database.jdbi());
        }

        var apiRef = new AtomicReference<Api>();
        var clientAddress = pastel.http.ClientAddress.trusting(config.trustedProxies());
        var javalin = Javalin.create(cfg -> {
            // Every ctx.ip() (limits per address, the request log) is the client as ClientAddress sees it.
            cfg.contextResolver.ip = clientAddress::of;
            cfg.concurrency.useVirtualThreads = true;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, true));
            cfg.http.maxRequestSize = Json.MAX_BODY_BYTES;
            cfg.http.prefer405over404 = true;
            cfg.requestLogger.http(requestLog::log);
            // Until the schema is up to date, only liveness answers; everything else is 503.
            cfg.routes.before(ctx -> {
                if (!migrated.get() && !ctx.path().equals("/health/live")) {
                    Problems.answerStatus(ctx, 503, "Pastel is starting; try again in a moment");
                    ctx.skipRemainingHandlers();
                }
            });
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
            // Multipart uploads are spooled to disk next to the blobs, never held in memory.
            cfg.jetty.multipartConfig.cacheDirectory(spool.dir().toString());
            cfg.jetty.multipartConfig.maxFileSize(MediaService.MAX_VIDEO_BYTES, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(MediaService.MAX_VIDEO_BYTES + 1024 * 1024, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(64 * 1024, SizeUnit.BYTES);
            cfg.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JettyProblemHandler());
                new RealtimeRoutes(hub, core.sessions(), migrated::get).register(context);
            });
            var api = new Api(cfg.routes);
            apiRef.set(api);
            new OpsRoutes(database, metrics, apiRef::get, config.publicUrl(), config.metrics().token()).register(api);
            new AccountRoutes(core.accounts(), views, auth, rateLimits).register(api);
            new SessionRoutes(core.sessions(), auth, views).register(api);
            new FriendRoutes(friends, auth, rateLimits).register(api);
            new AvatarRoutes(avatars, views, auth).register(api);
            new BlockRoutes(blocks, auth).register(api);
            new SubscriptionRoutes(subscriptions, auth).register(api);
            new DiscoveryRoutes(discovery, auth).register(api);
            new AdminRoutes(core.accounts(), auth).register(api);
            new MediaRoutes(media, urls, mediaAccess, blobs, auth, clock, texts::captions).register(api);
            new SnapRoutes(snaps, auth).register(api);
            new StoryRoutes(stories, auth, texts).register(api);
            new pastel.alttext.MediaTextRoutes(texts, auth).register(api);
            new TeamRoutes(team, auth).register(api);
            new InsightsRoutes(insights, auth).register(api);
            new CommunityRoutes(community, auth).register(api);
            new GeofilterRoutes(geofilters, auth).register(api);
            new ReportRoutes(reports, auth).register(api);
            publicPage.register(api);
            new pastel.campaign.CampaignRoutes(database.jdbi(), core.accounts(), team, auth, config.publicUrl(), clock).register(api);
            new ChatRoutes(chats, auth).register(api);
            new PushRoutes(push, auth).register(api);
            api.group("realtime").document("get", RealtimeRoutes.PATH,
                    "WebSocket of events for the signed-in account (token in Authorization or access_token)")
                    .status(101).query("access_token", String.class, "the bearer token, for browsers that cannot set headers")
                    .access(Access.SELF);
            var assets = new StaticFiles("/assets/", "story-player.js", "public-page.css", "push-follow.js");
            api.group("public pages").get("!/assets/{name}", ctx -> assets.serve(ctx, ctx.pathParam("name"),
                    "public, max-age=3600")).open().produces("text/plain").summary("Scripts and styles of the public pages").access(Access.ANYONE);
            new WebClient().register(api);
            api.checkAccessDeclared();

            cfg.routes.exception(PastelException.class, Problems::answer);
            cfg.routes.exception(HttpResponseException.class,
                    (e, ctx) -> Problems.answerStatus(ctx, e.getStatus(), describe(e)));
            cfg.routes.exception(Exception.class, Problems::answerUnexpected);
        });
        javalin.start(config.host(), config.port());
        try {
            migration.join();
        } catch (CompletionException e) {
            javalin.stop();
            database.close();
            throw new IllegalStateException("database migration failed: " + e.getCause().getMessage(), e.getCause());
        }
        // Every expiry that passed while no node ran (a restored backup, a long outage) is applied
        // before anything is served: until then every request but liveness gets 503.
        var swept = sweeper.sweepNow().values().stream().mapToInt(Integer::intValue).sum();
        if (swept > 0) LoggerFactory.getLogger(App.class).info("start-up sweep deleted={}", swept);
        migrated.set(true);
        LoggerFactory.getLogger(App.class).info("started port={} ms={}", javalin.port(), (System.nanoTime() - began) / 1_000_000);
        sweeper.start();
        push.start();
        var started = new App(database, javalin, sweeper, apiRef.get(), () -> {
            push.close();
            stories.close();
            spool.close();
            rateLimits.close();
            if (metricsPort != null) metricsPort.close();
            core.sessions().close();
            events.close();
            hub.close();
            blobs.close();
        }, hub, core.accounts());
        started.blobs = blobs;
        started.events = bus;
        return started;
    }

    public AccountService accounts() {
        return accounts;
    }

    public EventBus events() {
        return events;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public Hub hub() {
        return hub;
    }

    /// The schema a PostgreSQL URL points at: nodes on the same schema share one event channel.
    private static String currentSchema(Database database) {
        var schema = database.jdbi().withHandle(h -> h.createQuery("SELECT current_schema()").mapTo(String.class).one());
        return "public".equals(schema) ? null : schema;
    }

    /// The blob store the configuration names: an S3-compatible bucket, or files under the data dir.
    public static BlobStore openBlobs(Config config) {
        if (config.s3() != null) {
            try {
                var store = new S3BlobStore(config.s3(), config.dataDir());
                store.createBucketIfMissing();
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot reach the S3 bucket " + config.s3().bucket() + " at "
                        + config.s3().endpoint() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new FileBlobStore(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the blob folder under " + config.dataDir(), e);
        }
    }

    private static String describe(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "no such endpoint";
            case 405 -> "this endpoint does not accept that method";
            case 413 -> "the request body is too large";
            default -> e.getMessage();
        };
    }

    public int port() {
        return javalin.port();
    }

    public Database database() {
        return database;
    }

    public Javalin javalin() {
        return javalin;
    }

    public Api api() {
        return api;
    }

    public Sweeper sweeper() {
        return sweeper;
    }

    @Override
    public void close() {
        sweeper.close();
        javalin.stop();
        onClose.run();
        database.close();
    }
}
