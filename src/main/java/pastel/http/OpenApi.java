package pastel.http;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/// Builds the OpenAPI 3.1 document from the route table, request bodies described from their records.
public final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private OpenApi() {}

    public static Map<String, Object> document(List<Api.Operation> operations, String publicUrl) {
        var paths = new TreeMap<String, Map<String, Object>>();
        var schemas = new TreeMap<String, Object>();
        schemas.put("Problem", problemSchema());
        for (var op : operations) {
            paths.computeIfAbsent(op.path, p -> new LinkedHashMap<>()).put(op.method, operation(op, schemas));
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of(
                "title", "Pastel API",
                "version", "1",
                "description", "Ephemeral photos, videos, stories and chat; official accounts and their reach."));
        doc.put("servers", List.of(Map.of("url", publicUrl)));
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "schemas", schemas,
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    private static Map<String, Object> operation(Api.Operation op, Map<String, Object> schemas) {
        var out = new LinkedHashMap<String, Object>();
        out.put("operationId", op.method + op.path.replaceAll("[^A-Za-z0-9]+", "_"));
        out.put("summary", op.summary);
        out.put("tags", List.of(op.tag));
        var parameters = new ArrayList<Map<String, Object>>();
        var matcher = PATH_PARAM.matcher(op.path);
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) out.put("parameters", parameters);
        if (op.body != null) {
            schemas.put(op.body.getSimpleName(), schemaOf(op.body));
            out.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("$ref", "#/components/schemas/" + op.body.getSimpleName())))));
        }
        var responses = new LinkedHashMap<String, Object>();
        responses.put(Integer.toString(op.status), op.status == 204
                ? Map.of("description", "done")
                : Map.of("description", "success", "content", Map.of(op.produces, Map.of())));
        responses.put("4XX", Map.of("description", "refused; see the problem document",
                "content", Map.of("application/problem+json",
                        Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
        out.put("responses", responses);
        if (op.authenticated) out.put("security", List.of(Map.of("bearer", List.of())));
        return out;
    }

    static Map<String, Object> schemaOf(Class<?> type) {
        if (!type.isRecord()) return Map.of("type", "object");
        var properties = new LinkedHashMap<String, Object>();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.put(component.getName(), typeSchema(component.getGenericType()));
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> typeSchema(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            return Map.of("type", "array", "items", typeSchema(p.getActualTypeArguments()[0]));
        }
        if (!(type instanceof Class<?> c)) return Map.of();
        if (c == String.class) return Map.of("type", "string");
        if (c == LocalDate.class) return Map.of("type", "string", "format", "date");
        if (c == Boolean.class || c == boolean.class) return Map.of("type", "boolean");
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return Map.of("type", "integer");
        if (c == Double.class || c == double.class) return Map.of("type", "number");
        if (c.isEnum()) {
            return Map.of("type", "string", "enum",
                    Arrays.stream(c.getEnumConstants()).map(e -> e.toString().toLowerCase()).toList());
        }
        if (c.isRecord()) return schemaOf(c);
        return Map.of("type", "object");
    }

    private static Map<String, Object> problemSchema() {
        return Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string"),
                "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"),
                "detail", Map.of("type", "string"),
                "errors", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
                        "field", Map.of("type", "string"), "message", Map.of("type", "string"))))));
    }
}
