package pastel;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
import pastel.config.Config;
import pastel.feature.Feature;
import pastel.http.Api;
import pastel.http.ClientAddress;
import pastel.http.Json;
import pastel.media.MediaService;
import pastel.ops.RequestLog;
import pastel.http.JettyProblemHandler;
import pastel.problem.PastelException;
import pastel.http.Problems;
import pastel.realtime.RealtimeRoutes;

/// How the HTTP server is set up, for [App]: Javalin's and Jetty's settings and the error
/// mapping; the routes come from the features.
final class HttpServer {
    private HttpServer() {}

    /// Javalin's settings, error mapping included; the routes come from the features.
    /// Javalin with every feature's routes (and the event socket beside them); not started yet.
    static Javalin create(Config config, List<Feature> features, RealtimeRoutes realtime, RequestLog requestLog,
                          Path spool, AtomicBoolean migrated, AtomicReference<Api> apiRef) {
        return Javalin.create(cfg -> {
            configure(cfg, config, requestLog, spool, migrated);
            cfg.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(new JettyProblemHandler());
                realtime.register(context);
            });
            var api = new Api(cfg.routes);
            apiRef.set(api);
            features.forEach(f -> f.routes().forEach(routes -> routes.register(api)));
            api.checkAccessDeclared();
        });
    }

    private static void configure(JavalinConfig cfg, Config config, RequestLog requestLog, Path spool,
                                  AtomicBoolean migrated) {
        var clientAddress = ClientAddress.trusting(config.trustedProxies());
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
            // Every answer, whatever the route or the error: no browser guesses another type
            // than the one sent (a WebVTT file or a cover image read as HTML or script).
            ctx.header("X-Content-Type-Options", "nosniff");
            if (!migrated.get() && !ctx.path().equals("/health/live")) {
                Problems.answerStatus(ctx, 503, "Pastel is starting; try again in a moment");
                ctx.skipRemainingHandlers();
            }
        });
        cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblemHandler()));
        // Multipart uploads are spooled to disk next to the blobs, never held in memory.
        cfg.jetty.multipartConfig.cacheDirectory(spool.toString());
        cfg.jetty.multipartConfig.maxFileSize(MediaService.MAX_VIDEO_BYTES, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxTotalRequestSize(MediaService.MAX_VIDEO_BYTES + 1024 * 1024, SizeUnit.BYTES);
        cfg.jetty.multipartConfig.maxInMemoryFileSize(64 * 1024, SizeUnit.BYTES);
        cfg.routes.exception(PastelException.class, Problems::answer);
        cfg.routes.exception(HttpResponseException.class,
                (e, ctx) -> Problems.answerStatus(ctx, e.getStatus(), describe(e)));
        cfg.routes.exception(Exception.class, Problems::answerUnexpected);
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(HttpServer.class).warn("close failed", e);
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
}
