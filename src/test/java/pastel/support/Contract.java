package pastel.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import pastel.http.Json;

/// The OpenAPI document as a contract every answer of the HTTP tests must keep: the status is one
/// the operation documents, and a JSON body (success or problem) validates against its schema
/// (JSON Schema 2020-12, networknt's validator). [Http] checks every answer it receives, so
/// each HTTP test is also a contract test.
public final class Contract {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    private record Route(String method, String template, Pattern pattern, int parameters, JsonNode operation) {}

    public Contract(JsonNode document) {
        this.document = document;
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            var template = path.getKey();
            var regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            var parameters = (int) template.chars().filter(c -> c == '{').count();
            routes.add(new Route(op.getKey().toUpperCase(), template, Pattern.compile(regex), parameters, op.getValue()));
        }));
        // The most literal template wins (/friends/search before /friends/{username}).
        routes.sort(Comparator.comparingInt(Route::parameters));
    }

    public static Contract of(String documentJson) {
        try {
            return new Contract(Json.MAPPER.readTree(documentJson));
        } catch (IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /// What is wrong with this answer by the document; empty when it keeps the contract. Answers
    /// to paths or methods the document does not list (unknown routes, HEAD) are checked as problems.
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        var out = new ArrayList<String>();
        var rawPath = path.split("\\?", 2)[0];
        var route = routes.stream().filter(r -> r.method().equals(method) && r.pattern().matcher(rawPath).matches())
                .findFirst().orElse(null);
        var type = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        var where = method + " " + rawPath + " -> " + status;
        JsonNode schema = null;
        if (route != null) {
            var responses = route.operation().get("responses");
            var response = responses.get(Integer.toString(status));
            if (response == null) response = responses.get(status / 100 + "XX");
            if (response == null) {
                out.add(where + ": status not documented for " + route.template());
                return out;
            }
            if (response.has("$ref")) response = resolve(response.get("$ref").asText());
            var content = response.get("content");
            if (content != null && !type.isEmpty()) {
                var media = content.get(type);
                if (media == null && status < 300 && type.endsWith("json")) {
                    out.add(where + ": content type " + type + " not documented");
                    return out;
                }
                if (media != null) schema = media.get("schema");
            }
        } else if (status < 400 && !method.equals("HEAD") && !method.equals("OPTIONS")) {
            out.add(where + ": no such operation in the document");
            return out;
        }
        if (status >= 400 && !method.equals("HEAD")) {
            if (!type.equals("application/problem+json")) {
                out.add(where + ": an error that is not application/problem+json (" + type + ")");
                return out;
            }
            schema = document.at("/components/schemas/Problem");
        }
        if (schema == null || body == null || body.isEmpty() || !type.endsWith("json") || method.equals("HEAD")) return out;
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            out.add(where + ": body is not JSON");
            return out;
        }
        for (var message : compiled(schema).validate(json)) out.add(where + ": " + message.getMessage());
        if (status == 400 && (!json.has("errors") || json.get("errors").isEmpty())) out.add(where + ": a 400 without errors");
        return out;
    }

    private JsonNode resolve(String ref) {
        return document.at(ref.substring(1));
    }

    /// The schema, with the document's components beside it so its `$ref`s resolve.
    private JsonSchema compiled(JsonNode schema) {
        return schemas.computeIfAbsent(schema.toString(), key -> {
            var root = (ObjectNode) Json.MAPPER.createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.get("components"));
            root.setAll((ObjectNode) schema.deepCopy());
            return FACTORY.getSchema(root);
        });
    }
}
