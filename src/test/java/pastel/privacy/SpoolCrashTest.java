package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.db.Database;
import pastel.media.Spool;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestConfig;
import pastel.support.TestDatabase;
import pastel.support.TestMedia;

/// Reproduction 7 of issue 10: a server killed (kill -9) while 100 uploads are arriving leaves
/// un-stripped originals in its spool; the next start-up deletes every one of them, and
/// `pastel admin due` has nothing to list.
class SpoolCrashTest extends ServerTest {
    private static final int UPLOADS = 100;

    @Test
    void killedDuringAHundredUploadsThenRestartedLeavesNothingInTheSpool() throws Exception {
        var dataDir = Files.createTempDirectory("pastel-crash-");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "pastel.Main", "serve")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("node.log").toFile());
        builder.environment().put("PASTEL_PORT", Integer.toString(port));
        builder.environment().put("PASTEL_DATA_DIR", dataDir.toString());
        if (databaseKind == TestDatabase.POSTGRES) builder.environment().put("PASTEL_DATABASE_URL", opened.schemaUrl());
        var process = builder.start();
        var release = new CountDownLatch(1);
        try {
            var node = new Http(port);
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> node.get("/health/ready", null).status() == 200);
            var name = uniqueName("crasher");
            assertThat(node.post("accounts", null, Map.of("username", name, "password", PASSWORD, "displayName", name,
                    "birthDate", bornYearsAgo(30).toString())).status()).isEqualTo(201);
            var token = node.post("sessions", null, Map.of("username", name, "password", PASSWORD)).json().get("token").asText();
            var photo = TestMedia.noisyJpeg(400, 300);
            var client = HttpClient.newHttpClient();
            for (int i = 0; i < UPLOADS; i++) {
                // Each upload sends its first bytes (a real JPEG's start, GPS-free or not, it is
                // the un-stripped original) and then waits: all 100 are in flight at the kill.
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/media"))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> stalled(photo, release))).build();
                client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
            }
            var spool = dataDir.resolve("blobs").resolve(".incoming");
            await().atMost(Duration.ofSeconds(60)).until(() -> filesUnder(spool) >= UPLOADS);
            process.destroyForcibly().waitFor(); // SIGKILL: no clean-up runs
            assertThat(filesUnder(spool)).isGreaterThanOrEqualTo(UPLOADS);
        } finally {
            release.countDown();
            process.destroyForcibly().waitFor();
        }

        var url = databaseKind == TestDatabase.POSTGRES ? TestDatabase.POSTGRES_URL : "";
        try (var restarted = App.start(TestConfig.of(dataDir), clock, Database.connect(url, dataDir, opened.schema()))) {
            var spool = dataDir.resolve("blobs").resolve(".incoming");
            assertThat(filesUnder(spool)).as("files left in the spool after the start-up sweep").isZero();
            assertThat(Spool.leftovers(spool, Clock.systemUTC())).isEmpty();
        }
    }

    private static InputStream stalled(byte[] photo, CountDownLatch release) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                var one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position >= photo.length / 2) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("the upload was abandoned");
                }
                var n = Math.min(length, photo.length / 2 - position);
                System.arraycopy(photo, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }

    private static long filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) return 0;
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".lock")).count();
        }
    }
}
