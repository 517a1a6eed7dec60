package pastel.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.Main;
import pastel.support.AdminCommand;
import pastel.support.ServerTest;

class ReportHttpTest extends ServerTest {

    @Test
    void reportsReachTheAdminQueueInTheCommandLine() throws Exception {
        var reporter = person("reporter");
        var troll = person("troll");
        var created = http.post("reports", reporter.token(), Map.of("username", troll.username(), "reason", "insults in captions"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().get("id").asText();
        assertProblem(http.post("reports", reporter.token(), Map.of("reason", "no target")), 400);
        assertProblem(http.post("reports", reporter.token(), Map.of("username", troll.username())), 400);
        assertProblem(http.post("reports", null, Map.of("username", troll.username(), "reason", "x")), 401);

        var env = opened.environment();
        var output = AdminCommand.output(() -> {
            assertThat(Main.run(env, "admin", "reports")).isZero();
            assertThat(Main.run(env, "admin", "reports", "--close", id)).isZero();
            assertThat(Main.run(env, "admin", "reports", "--close", id)).isNotZero();
        });
        assertThat(output).contains(id).contains("account=" + troll.username()).contains("insults in captions")
                .contains("closed " + id);
    }
}
