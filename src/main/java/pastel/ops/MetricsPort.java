package pastel.ops;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/// `/metrics` on its own port, listening on 127.0.0.1 only (`PASTEL_METRICS_PORT`): for a
/// Prometheus on the same machine, never reachable from the network whatever the firewall says.
public final class MetricsPort implements AutoCloseable {
    private final HttpServer server;

    private MetricsPort(HttpServer server) {
        this.server = server;
    }

    public static MetricsPort start(int port, PrometheusMeterRegistry metrics) {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/metrics", exchange -> {
                try (exchange) {
                    var body = exchange.getRequestMethod().equals("HEAD") ? new byte[0]
                            : metrics.scrape().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", OpsRoutes.METRICS_TYPE);
                    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return new MetricsPort(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for metrics on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
