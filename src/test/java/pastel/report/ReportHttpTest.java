package pastel.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.Main;
import pastel.support.ServerTest;
import pastel.support.TestDatabase;

class ReportHttpTest extends ServerTest {

    @Test
    void reportsReachTheAdminQueueInTheCommandLine() {
        var reporter = person("reporter");
        var troll = person("troll");
        var created = http.post("reports", reporter.token(), Map.of("username", troll.username(), "reason", "insults in captions"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        var id = created.json().get("id").asText();
        assertProblem(http.post("reports", reporter.token(), Map.of("reason", "no target")), 400);
        assertProblem(http.post("reports", reporter.token(), Map.of("username", troll.username())), 400);
        assertProblem(http.post("reports", null, Map.of("username", troll.username(), "reason", "x")), 401);

        var env = new HashMap<String, String>();
        env.put("PASTEL_DATA_DIR", opened.dataDir().toString());
        if (opened.schema() != null) env.put("PASTEL_DATABASE_URL", TestDatabase.POSTGRES_URL + "&currentSchema=" + opened.schema());
        var buffer = new java.io.ByteArrayOutputStream();
        var original = System.out;
        System.setOut(new java.io.PrintStream(buffer, true));
        try {
            assertThat(Main.run(env, "admin", "reports")).isZero();
            assertThat(Main.run(env, "admin", "reports", "--close", id)).isZero();
            assertThat(Main.run(env, "admin", "reports", "--close", id)).isNotZero();
        } finally {
            System.setOut(original);
        }
        assertThat(buffer.toString()).contains(id).contains("account=" + troll.username()).contains("insults in captions")
                .contains("closed " + id);
    }
}
