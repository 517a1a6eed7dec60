package pastel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pastel.support.Http;
import pastel.support.LocalPushService;
import pastel.support.TestDatabase;
import pastel.support.TestMedia;

/// A push due when the server is killed (SIGKILL, no shutdown of any kind) is sent after the
/// restart, exactly once: the outbox is in the database, not in memory.
class PushRestartTest {

    /// On SQLite, the single-node default, where durability rests on the WAL file alone (the
    /// outbox SQL is the same on PostgreSQL, where PushHttpTest runs it). The restart is a new
    /// server in this JVM on the same files, which saves a second JVM start on a loaded machine.
    @Test
    void aPushDueAtKillMinus9IsDeliveredOnceAfterTheRestart() throws Exception {
        var opened = TestDatabase.SQLITE.open();
        var database = opened.database();
        database.migrate();
        try (var service = new LocalPushService()) {
            var port = freePort();
            var server = start(opened, port);
            pastel.App second = null;
            try {
                var http = new Http(port);
                await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> http.get("/health/ready", null).status() == 200);
                var ana = signUp(http, "ana_k9");
                var ben = signUp(http, "ben_k9");
                var request = http.post("friends/requests", ana, Map.of("username", "ben_k9"));
                http.post("friends/requests/" + request.json().get("id").asText() + "/accept", ben, null);
                var browser = service.subscribe();
                var body = new HashMap<String, Object>(browser.json());
                body.put("lang", "en");
                assertThat(http.send("PUT", "push/subscriptions", ben, body).status()).isEqualTo(204);

                // The push service is unavailable for the first try: the push is due again in 5 s.
                browser.answers.add(503);
                var upload = http.upload(ana, TestMedia.noisyJpeg(32, 32), "image/jpeg");
                var sent = http.post("snaps", ana, Map.of("mediaId", upload.json().get("id").asText(),
                        "to", List.of("ben_k9"), "viewSeconds", 3));
                assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                // Killed once the failed try is written down: the push is due, in the database only.
                await().atMost(Duration.ofSeconds(30)).until(() -> attempted(database) == 1);
                server.destroyForcibly(); // SIGKILL
                assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(outbox(database)).isEqualTo(1);
                assertThat(browser.accepted).isEmpty();

                second = pastel.App.start(pastel.config.Config.fromEnvironment(Map.of("PASTEL_PORT", "0",
                        "PASTEL_DATA_DIR", opened.dataDir().toString(), "PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", "true")),
                        java.time.Clock.systemUTC());
                await().atMost(Duration.ofSeconds(90)).until(() -> browser.accepted.size() == 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> outbox(database) == 0);
                assertThat(browser.accepted).hasSize(1);
                assertThat(browser.accepted.peek().message().get("body").asText()).isEqualTo("From ana_k9");
                assertThat(service.requests.get()).isEqualTo(2);
            } finally {
                server.destroyForcibly();
                if (second != null) second.close();
            }
        } finally {
            opened.cleanup().run();
        }
    }

    private static long outbox(pastel.db.Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM push_outbox").mapTo(Long.class).one());
    }

    private static long attempted(pastel.db.Database database) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM push_outbox WHERE attempts = 1")
                .mapTo(Long.class).one());
    }

    private static String signUp(Http http, String username) {
        var created = http.post("accounts", null, Map.of("username", username, "password", "a long enough password",
                "displayName", username, "birthDate", LocalDate.now().minusYears(25).toString()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return http.post("sessions", null, Map.of("username", username, "password", "a long enough password"))
                .json().get("token").asText();
    }

    /// `pastel serve` as its own process on the test's database, pushing to loopback.
    private static Process start(TestDatabase.Opened opened, int port) throws Exception {
        var javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "pastel.Main", "serve")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(opened.dataDir().resolve("server.log").toFile()));
        builder.environment().put("PASTEL_PORT", Integer.toString(port));
        builder.environment().put("PASTEL_DATA_DIR", opened.dataDir().toString());
        builder.environment().put("PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK", "true");
        if (opened.schema() != null) builder.environment().put("PASTEL_DATABASE_URL", opened.schemaUrl());
        Files.createDirectories(opened.dataDir());
        return builder.start();
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
