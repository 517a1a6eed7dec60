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
