package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.support.Contract;
import pastel.support.ServerTest;

/// The OpenAPI document as a contract: Redocly's linter finds no error in it, and the contract
/// check that every HTTP test's answer goes through ([Contract], called by [pastel.support.Http])
/// fails when a documented field is renamed, on either side.
class OpenApiContractTest extends ServerTest {
    private static final Path REDOCLY = Path.of("tools/npm/node_modules/.bin/redocly");

    @Test
    void redoclyFindsNoErrorInTheDocument() throws Exception {
        Assumptions.assumeTrue(databaseKind == pastel.support.TestDatabase.SQLITE, "the document is the same on both");
        assertThat(REDOCLY).as("run: npm --prefix tools/npm ci (./pastel test does)").isExecutable();
        var file = Files.createTempFile("pastel-openapi-", ".json");
        try {
            Files.writeString(file, http.get("/api/openapi.json", null).body());
            var builder = new ProcessBuilder(REDOCLY.toString(), "lint", "--format=stylish", file.toString())
                    .redirectErrorStream(true);
            // No telemetry or update check: the test runs offline and says only what it found.
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            var process = builder.start();
            var output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            System.out.println("redocly lint: " + output.lines().filter(l -> l.contains("error") || l.contains("warning")
                    || l.contains("valid")).toList());
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).doesNotContainPattern("\\d+ errors?");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void aRenamedFieldBreaksTheContractOnEitherSide() throws IOException {
        var user = person("contract");
        var me = http.get("me", user.token());
        var contract = http.contract();
        assertThat(contract.violations("GET", "/api/v1/me", 200, me.contentType(), me.body())).isEmpty();

        // The server renames a documented field: its answer no longer keeps the document.
        var renamed = me.body().replace("\"displayName\"", "\"display_name\"");
        assertThat(contract.violations("GET", "/api/v1/me", 200, me.contentType(), renamed))
                .anyMatch(v -> v.contains("displayName"));

        // The document renames it: the server's real answer no longer keeps it either.
        var document = (ObjectNode) Json.MAPPER.readTree(http.get("/api/openapi.json", null).body());
        var me2 = (ObjectNode) document.at("/components/schemas/Me");
        var properties = (ObjectNode) me2.get("properties");
        properties.set("fullName", properties.remove("displayName"));
        var required = me2.withArray("required");
        for (int i = 0; i < required.size(); i++) {
            if (required.get(i).asText().equals("displayName")) required.set(i, Json.MAPPER.getNodeFactory().textNode("fullName"));
        }
        assertThat(new Contract(document).violations("GET", "/api/v1/me", 200, me.contentType(), me.body()))
                .anyMatch(v -> v.contains("fullName"));

        // A problem must carry a listed type, and a 400 its errors.
        var problem = http.post("accounts", null, "{").body();
        assertThat(contract.violations("POST", "/api/v1/accounts", 400, "application/problem+json",
                problem.replace("invalid-request", "something-else"))).isNotEmpty();
        assertThat(contract.violations("POST", "/api/v1/accounts", 400, "application/problem+json",
                Json.MAPPER.writeValueAsString(Map.of("type", "https://pastel.app/problems/invalid-request",
                        "title", "Invalid request", "status", 400, "detail", "x")))).isNotEmpty();
        assertThat(contract.violations("POST", "/api/v1/accounts", 400, "text/plain", "oops")).isNotEmpty();
    }
}
