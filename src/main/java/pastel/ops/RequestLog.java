package pastel.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// One structured (logfmt) line and one timer sample per request.
public final class RequestLog {
    private static final Logger LOG = LoggerFactory.getLogger("pastel.request");

    private final MeterRegistry metrics;

    public RequestLog(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    public void log(Context ctx, Float millis) {
        var route = route(ctx);
        var status = ctx.statusCode();
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(metrics)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS);
        if (route.equals("/health/live") || route.equals("/metrics")) return;
        if (LOG.isInfoEnabled()) {
            LOG.info("method={} path=\"{}\" route=\"{}\" status={} ms={} ip={}",
                    ctx.method().name(), ctx.path().replace("\"", "%22"), route, status,
                    String.format("%.2f", millis), ctx.ip());
        }
    }

    // The route template, not the raw path, so metrics keep a bounded number of series.
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
