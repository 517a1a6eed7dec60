package pastel.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class OpsHttpTest extends ServerTest {

    @Test
    void healthEndpointsAnswer() {
        var live = http.get("/health/live", null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("ok");
        var ready = http.get("/health/ready", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("database").asText()).isEqualTo(databaseKind.name().toLowerCase());
    }

    @Test
    void metricsArePrometheusTextWithRequestTimings() {
        http.get("/health/live", null);
        http.get("accounts/nobody_at_all", null);
        var metrics = http.get("/metrics", pastel.support.TestConfig.METRICS_TOKEN);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/accounts/{username}\",status=\"404\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDocumentCoversEveryRegisteredRoute() {
        var doc = http.get("/api/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        var json = doc.json();
        assertThat(json.get("openapi").asText()).isEqualTo("3.1.0");

        Set<String> documented = new HashSet<>();
        json.get("paths").properties().forEach(path ->
                path.getValue().properties().forEach(method -> documented.add(method.getKey().toUpperCase() + " " + path.getKey())));

        Set<String> registered = new HashSet<>();
        for (var parsed : app.javalin().unsafe.internalRouter.allHttpHandlers()) {
            var endpoint = parsed.endpoint;
            if (endpoint.method.isHttpMethod() && !endpoint.method.name().equals("HEAD") && !endpoint.method.name().equals("OPTIONS")) {
                registered.add(endpoint.method.name() + " " + endpoint.path);
            }
        }
        assertThat(registered).isNotEmpty().contains("POST /api/v1/accounts", "GET /health/ready");
        assertThat(documented).containsAll(registered);

        var signUp = json.get("paths").get("/api/v1/accounts").get("post");
        assertThat(signUp.get("responses").has("201")).isTrue();
        var schemaName = signUp.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asText();
        var schema = json.at("/components/schemas/" + schemaName.substring(schemaName.lastIndexOf('/') + 1));
        assertThat(schema.get("properties").has("birthDate")).isTrue();
        // The values are the wire's lower-case names, exactly (this once read findValuesAsText(""),
        // which finds nothing whatever the document says).
        var kinds = new java.util.ArrayList<String>();
        schema.at("/properties/kind/enum").forEach(value -> {
            if (!value.isNull()) kinds.add(value.asText()); // null: the field is optional
        });
        assertThat(kinds).containsExactlyInAnyOrder("personal", "public");
        assertThat(schema.at("/properties/kind/enum").toString()).contains("personal", "public");
    }
}
