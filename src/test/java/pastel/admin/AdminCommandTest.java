package pastel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.Main;
import pastel.support.AdminCommand;
import pastel.support.ServerTest;

/// `pastel admin ...` run against the same database as the running server.
class AdminCommandTest extends ServerTest {

    private Map<String, String> env(String password) {
        var env = opened.environment();
        if (password != null) env.put("PASTEL_ADMIN_PASSWORD", password);
        return env;
    }

    @Test
    void createAdminThenVerifyFromTheCommandLine() {
        var adminName = uniqueName("operator");
        assertThat(Main.run(env(PASSWORD), "admin", "create-admin", adminName)).isZero();
        var token = signIn(adminName);
        assertThat(http.get("me", token).json().get("admin").asBoolean()).isTrue();

        var city = official("toulouse", "city", "Toulouse");
        assertThat(http.post("admin/accounts/" + city.username() + "/verify", token, null).status()).isEqualTo(204);

        var other = official("nice", "city", "Nice");
        assertThat(Main.run(env(null), "admin", "verify", other.username())).isZero();
        assertThat(http.get("accounts/" + other.username(), null).json().get("verified").asBoolean()).isTrue();
        assertThat(Main.run(env(null), "admin", "verify", "--revoke", other.username())).isZero();
        assertThat(http.get("accounts/" + other.username(), null).json().get("verified").asBoolean()).isFalse();
    }

    /// The command sets the password of an existing account: like a password change, it signs out
    /// every device, and the node closes their sockets at its next keep-alive round (the command
    /// runs in another process, so no sign-out event reaches the node).
    @Test
    void makingAnExistingAccountAdminSignsOutItsSessions() throws Exception {
        var person = person("promoted");
        try (var socket = pastel.support.WsClient.connect(app.port(), person.token(), true)) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> app.hub().connections() >= 1);
            assertThat(Main.run(env("a brand new admin password"), "admin", "create-admin", person.username())).isZero();
            app.hub().ping();
            assertThat(socket.closedWith.get(1, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(pastel.realtime.Hub.SESSION_ENDED);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> http.get("me", person.token()).status() == 401);
        }
        assertThat(http.post("sessions", null, java.util.Map.of("username", person.username(), "password", "a brand new admin password"))
                .status()).isEqualTo(201);
    }

    @Test
    void dueListsExpiredUploadsAndOrphanBlobs() throws Exception {
        var user = person("uploader");
        var uploaded = http.upload(user.token(), pastel.support.TestMedia.noisyJpeg(32, 32), "image/jpeg");
        var id = uploaded.json().get("id").asText();
        var orphan = opened.dataDir().resolve("blobs").resolve("oo").resolve("oorphan0000000000000000");
        java.nio.file.Files.createDirectories(orphan.getParent());
        java.nio.file.Files.writeString(orphan, "nobody's");
        var output = AdminCommand.output(() -> {
            // The command runs on the real clock, months after this test's clock: the upload's hour is long over.
            assertThat(Main.run(env(null), "admin", "due")).isZero();
        });
        assertThat(output).contains("media " + id).contains("unattached upload").contains("oorphan0000000000000000");
    }

    @Test
    void commandsRefuseBadInputWithANonZeroExit() {
        assertThat(Main.run(env("short"), "admin", "create-admin", uniqueName("op"))).isNotZero();
        assertThat(Main.run(env(null), "admin", "verify", "nobody_known")).isNotZero();
        var person = person("plain");
        assertThat(Main.run(env(null), "admin", "verify", person.username())).isNotZero();
    }
}
