package pastel.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import pastel.http.Access;
import java.util.function.Supplier;
import pastel.db.Database;
import pastel.http.Api;
import pastel.http.OpenApi;
import pastel.problem.PastelException;
import pastel.http.Problems;

/// Health checks, Prometheus metrics and the OpenAPI document.
public final class OpsRoutes {
    private final Database database;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<Api> api;
    private final String publicUrl;
    private final byte[] metricsToken;
    static final String METRICS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /// `metricsToken`: the bearer token `/metrics` needs on this port; empty means it is not
    /// served here (see [MetricsPort]).
    public OpsRoutes(Database database, PrometheusMeterRegistry metrics, Supplier<Api> api, String publicUrl,
                     String metricsToken) {
        this.metricsToken = metricsToken.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.database = database;
        this.metrics = metrics;
        this.api = api;
        this.publicUrl = publicUrl;
    }

    /// What `/health/ready` answers when ready.
    public record Readiness(String status, String database) {}

    public void register(Api routes) {
        var ops = routes.group("operations");
        // Plain text on purpose: the cheapest possible answer, and the benchmarks' baseline.
        ops.get("!/health/live", ctx -> ctx.contentType("text/plain").result("ok")).open()
                .produces("text/plain").summary("The process is up").access(Access.ANYONE);
        ops.get("!/health/ready", ctx -> {
            if (database.isReachable()) {
                ctx.json(new Readiness("ready", database.dialect().name().toLowerCase()));
            } else {
                Problems.answerStatus(ctx, 503, "the database does not answer");
            }
        }).open().summary("Ready to serve: the database answers").returns(Readiness.class).access(Access.ANYONE);
        ops.get("!/metrics", ctx -> {
            // Metrics tell who uses the instance how much: operators only.
            if (metricsToken.length == 0) throw new PastelException.NotFound("metrics are not served on this port");
            var sent = pastel.http.Bearer.token(ctx.header("Authorization"));
            if (sent == null || !java.security.MessageDigest.isEqual(metricsToken,
                    sent.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"");
                throw new PastelException.Unauthenticated("metrics need the bearer token of PASTEL_METRICS_TOKEN");
            }
            ctx.contentType(METRICS_TYPE).result(metrics.scrape());
        })
                .open().produces("text/plain").summary("Prometheus metrics").access(Access.OPERATOR);
        ops.get("!/api/openapi.json", ctx -> ctx.json(OpenApi.document(api.get().operations(), publicUrl)))
                .open().summary("This document").access(Access.ANYONE);
    }
}
