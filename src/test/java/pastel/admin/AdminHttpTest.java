package pastel.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class AdminHttpTest extends ServerTest {

    @Test
    void onlyAnAdminGrantsTheVerifiedBadge() {
        var city = official("capitole", "city", "Toulouse");
        var someone = person("someone");
        assertProblem(http.post("admin/accounts/" + city.username() + "/verify", null, null), 401);
        // Not an admin: the route does not exist for them (404, as for anything one may not see).
        assertProblem(http.post("admin/accounts/" + city.username() + "/verify", someone.token(), null), 404);
        assertProblem(http.post("admin/accounts/" + city.username() + "/verify", city.token(), null), 404);

        // Made admin by another process (as `pastel admin create-admin` does): the server's
        // sessions notice within SessionService.RECHECK_AFTER.
        var admin = app.database().jdbi().withHandle(h -> h.createUpdate("UPDATE account SET admin = TRUE WHERE id = :id")
                .bind("id", someone.id()).execute());
        assertThat(admin).isOne();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(4)).pollInterval(java.time.Duration.ofMillis(100))
                .until(() -> http.post("admin/accounts/" + city.username() + "/verify", someone.token(), null).status() == 204);
        assertThat(http.get("accounts/" + city.username(), null).json().get("verified").asBoolean()).isTrue();

        assertProblem(http.post("admin/accounts/" + someone.username() + "/verify", someone.token(), null), 409);
        assertProblem(http.post("admin/accounts/nobody_x/verify", someone.token(), null), 404);

        assertThat(http.delete("admin/accounts/" + city.username() + "/verify", someone.token()).status()).isEqualTo(204);
        assertThat(http.get("accounts/" + city.username(), null).json().get("verified").asBoolean()).isFalse();
    }
}
