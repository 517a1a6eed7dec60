package pastel.ops;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.http.Api;

/// Operations as the composition root wires them: health, metrics (on the API port and, when
/// configured, a port of their own) and the request log.
public record OpsFeature(RequestLog requestLog, Feature feature) {
    public static OpsFeature create(Platform p, Supplier<Api> api) {
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        var config = p.config();
        var feature = Feature.named("ops")
                .routes(new OpsRoutes(p.database(), metrics, api, config.publicUrl(), config.metrics().token())::register);
        if (config.metrics().port() != 0) feature.closing(MetricsPort.start(config.metrics().port(), metrics));
        return new OpsFeature(new RequestLog(metrics), feature.build());
    }
}
