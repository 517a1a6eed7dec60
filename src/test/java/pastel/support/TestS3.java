package pastel.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/// A real S3 API server for the tests: S3Proxy with its filesystem back-end, run from its
/// self-contained jar (copied to `target/s3proxy/` by the build) as a separate process, started
/// once per test JVM and stopped when it exits. Each caller gets its own bucket.
public final class TestS3 {
    public static final String ACCESS_KEY = "pastel-test";
    public static final String SECRET_KEY = "pastel-test-secret";
    private static String endpoint;

    private TestS3() {}

    /// The `PASTEL_S3_*` settings of a fresh bucket (Pastel creates it at start-up).
    public static Map<String, String> settings() {
        return Map.of("PASTEL_S3_ENDPOINT", endpoint(), "PASTEL_S3_BUCKET", "pastel-" + UUID.randomUUID().toString().substring(0, 12),
                "PASTEL_S3_REGION", "us-east-1", "PASTEL_S3_ACCESS_KEY", ACCESS_KEY, "PASTEL_S3_SECRET_KEY", SECRET_KEY,
                "PASTEL_S3_PATH_STYLE", "true");
    }

    public static synchronized String endpoint() {
        if (endpoint == null) endpoint = start();
        return endpoint;
    }

    private static String start() {
        var jar = Path.of(System.getenv().getOrDefault("PASTEL_TEST_S3PROXY_JAR", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Proxy is missing at " + jar.toAbsolutePath()
                    + ": the build copies it there (mvn process-test-resources)");
        }
        try {
            var root = Files.createTempDirectory("pastel-s3proxy-");
            var data = Files.createDirectories(root.resolve("data"));
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var url = "http://127.0.0.1:" + port;
            var properties = root.resolve("s3proxy.conf");
            Files.writeString(properties, """
                    s3proxy.endpoint=%s
                    s3proxy.authorization=aws-v2-or-v4
                    s3proxy.identity=%s
                    s3proxy.credential=%s
                    jclouds.provider=filesystem
                    jclouds.filesystem.basedir=%s
                    """.formatted(url, ACCESS_KEY, SECRET_KEY, data));
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var process = new ProcessBuilder(java, "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toAbsolutePath().toString(), "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(root.resolve("s3proxy.log").toFile()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.destroy();
                TestDatabase.deleteTree(root);
            }));
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            var deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited: " + Files.readString(root.resolve("s3proxy.log")));
                }
                try {
                    client.send(HttpRequest.newBuilder(URI.create(url + "/")).build(), HttpResponse.BodyHandlers.discarding());
                    return url;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            process.destroy();
            throw new IllegalStateException("S3Proxy did not answer within 90 s on " + url);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
