package pastel.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import pastel.problem.ProblemType;

/// Builds the OpenAPI 3.1 document from the route table: parameters, request and response bodies
/// described from their records (every component required, reference types nullable, as Jackson
/// writes them), problem documents with their stable types, and bearer security (`security: []`
/// on open routes). Checked by `@redocly/cli lint` and by the contract test that validates the
/// HTTP tests' answers against it (OpenApiContractTest).
public final class OpenApi {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String SCHEMAS = "#/components/schemas/";

    private OpenApi() {}

    public static Map<String, Object> document(List<Api.Operation> operations, String publicUrl) {
        var names = schemaNames(operations);
        var schemas = new TreeMap<String, Object>();
        schemas.put("Problem", problemSchema());
        schemas.put("FieldError", fieldErrorSchema());
        var paths = new TreeMap<String, Map<String, Object>>();
        for (var op : operations) {
            paths.computeIfAbsent(op.path, p -> new LinkedHashMap<>()).put(op.method, operation(op, names, schemas));
        }
        var doc = new LinkedHashMap<String, Object>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of(
                "title", "Pastel API",
                "version", "1",
                "description", """
                        Ephemeral photos, videos, stories and chat; official accounts and their reach.

                        Every error is an RFC 9457 problem document (`application/problem+json`) whose `type` \
                        is one of the stable URIs listed in the `Problem` schema; a 400 lists the fields at fault \
                        in `errors`, each with a stable `code`. Clients translate by `type` and `code`, never \
                        by the English `detail`. HEAD is answered on every GET route, as GET without the body."""));
        doc.put("servers", List.of(Map.of("url", publicUrl)));
        doc.put("tags", operations.stream().map(op -> op.tag).distinct().sorted()
                .map(tag -> Map.of("name", tag, "description", "Routes of " + tag)).toList());
        doc.put("paths", paths);
        doc.put("components", Map.of(
                "schemas", schemas,
                "responses", Map.of("Problem", Map.of("description", "refused; see the problem document",
                        "content", Map.of("application/problem+json", Map.of("schema", ref("Problem"))))),
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer",
                        "description", "a session token from POST /api/v1/sessions"))));
        return doc;
    }

    private static Map<String, Object> operation(Api.Operation op, Map<Class<?>, String> names,
                                                 Map<String, Object> schemas) {
        var out = new LinkedHashMap<String, Object>();
        out.put("operationId", op.method + op.path.replaceAll("[^A-Za-z0-9]+", "_"));
        out.put("summary", op.summary.isBlank() ? op.method.toUpperCase() + " " + op.path : op.summary);
        out.put("tags", List.of(op.tag));
        var parameters = new ArrayList<Map<String, Object>>();
        var matcher = PATH_PARAM.matcher(op.path);
        while (matcher.find()) {
            parameters.add(Map.of("name", matcher.group(1), "in", "path", "required", true,
                    "schema", Map.of("type", "string")));
        }
        for (var query : op.queries) {
            var parameter = new LinkedHashMap<String, Object>();
            parameter.put("name", query.name());
            parameter.put("in", "query");
            parameter.put("required", query.required());
            parameter.put("description", query.description());
            parameter.put("schema", typeSchema(query.type(), names, schemas, false));
            parameters.add(parameter);
        }
        if (!parameters.isEmpty()) out.put("parameters", parameters);
        if (op.body != null) {
            out.put("requestBody", Map.of("required", !op.bodyOptional, "content", Map.of("application/json",
                    Map.of("schema", typeSchema(op.body, names, schemas, false)))));
        } else if (!op.uploads.isEmpty()) {
            var content = new LinkedHashMap<String, Object>();
            for (var mediaType : op.uploads) {
                content.put(mediaType, mediaType.equals("multipart/form-data")
                        ? Map.of("schema", Map.of("type", "object", "required", List.of("file"),
                                "properties", Map.of("file", Map.of("type", "string", "contentMediaType", "application/octet-stream"))))
                        : Map.of("schema", Map.of("type", "string", "contentMediaType", mediaType)));
            }
            out.put("requestBody", Map.of("required", true, "content", content));
        }
        var responses = new LinkedHashMap<String, Object>();
        responses.put(Integer.toString(op.status), response(op.status, op.produces, op.returns, names, schemas));
        op.otherResponses.forEach((status, type) ->
                responses.put(Integer.toString(status), response(status, op.produces, type, names, schemas)));
        // Any GET may be conditional (If-None-Match, RFC 9110 section 13.1.2); those with an ETag answer 304.
        if (op.method.equals("get") && op.status != 101) responses.put("304", Map.of("description", "not modified"));
        responses.put("4XX", Map.of("$ref", "#/components/responses/Problem"));
        responses.put("5XX", Map.of("$ref", "#/components/responses/Problem"));
        out.put("responses", responses);
        if (op.authenticated) {
            out.put("security", List.of(Map.of("bearer", List.of())));
        } else if (op.access == Access.AUDIENCE) {
            // Open, and a session changes what is shown (friends-only items): optional bearer.
            out.put("security", List.of(Map.of(), Map.of("bearer", List.of())));
        } else {
            out.put("security", List.of());
        }
        return out;
    }

    private static Map<String, Object> response(int status, String produces, Type type, Map<Class<?>, String> names,
                                                Map<String, Object> schemas) {
        if (status == 204) return Map.of("description", "done");
        if (status == 101) return Map.of("description", "switching protocols to a WebSocket");
        Map<String, Object> schema;
        if (type != null) schema = typeSchema(type, names, schemas, false);
        else if (produces.contains("json")) schema = Map.of("type", "object");
        else schema = Map.of("type", "string");
        return Map.of("description", status == 201 ? "created" : "success",
                "content", Map.of(produces, Map.of("schema", schema)));
    }

    /// One schema name per record: its simple name, or, when two records share it (two `Form`s),
    /// the enclosing type's name without Service/Routes/Store before it (ReportForm, GeofilterForm).
    private static Map<Class<?>, String> schemaNames(List<Api.Operation> operations) {
        var seen = new LinkedHashSet<Class<?>>();
        for (var op : operations) {
            collect(op.body, seen);
            collect(op.returns, seen);
            op.otherResponses.values().forEach(t -> collect(t, seen));
        }
        var bySimple = new HashMap<String, Integer>();
        seen.forEach(c -> bySimple.merge(c.getSimpleName(), 1, Integer::sum));
        var names = new HashMap<Class<?>, String>();
        for (var c : seen) {
            var name = c.getSimpleName();
            if (bySimple.get(name) > 1 && c.getEnclosingClass() != null) {
                name = c.getEnclosingClass().getSimpleName().replaceAll("(Service|Routes|Store)$", "") + name;
            }
            names.put(c, name);
        }
        return names;
    }

    private static void collect(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            for (var argument : p.getActualTypeArguments()) collect(argument, seen);
        } else if (type instanceof Class<?> c && c.isRecord() && seen.add(c)) {
            for (var component : c.getRecordComponents()) collect(component.getGenericType(), seen);
        }
    }

    private static Map<String, Object> ref(String name) {
        return Map.of("$ref", SCHEMAS + name);
    }

    private static Map<String, Object> typeSchema(Type type, Map<Class<?>, String> names, Map<String, Object> schemas,
                                                  boolean nullable) {
        Map<String, Object> schema;
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw
                && java.util.Collection.class.isAssignableFrom(raw)) {
            schema = Map.of("type", "array", "items", typeSchema(p.getActualTypeArguments()[0], names, schemas, false));
        } else if (type instanceof ParameterizedType p && p.getRawType() == Map.class) {
            var value = p.getActualTypeArguments()[1];
            schema = value == Object.class ? Map.of("type", "object")
                    : Map.of("type", "object", "additionalProperties", typeSchema(value, names, schemas, false));
        } else if (type instanceof Class<?> c && c.isRecord()) {
            var name = names.get(c);
            if (!schemas.containsKey(name)) {
                schemas.put(name, Map.of());  // placeholder against cycles
                schemas.put(name, recordSchema(c, names, schemas));
            }
            schema = ref(name);
            if (nullable) return Map.of("oneOf", List.of(schema, Map.of("type", "null")));
            return schema;
        } else if (type instanceof Class<?> c) {
            schema = scalar(c);
            if (c.isPrimitive()) return schema;
        } else {
            schema = Map.of();
        }
        if (!nullable || schema.isEmpty() || !schema.containsKey("type")) return schema;
        var copy = new LinkedHashMap<>(schema);
        copy.put("type", List.of(schema.get("type"), "null"));
        if (schema.get("enum") instanceof List<?> values) {
            var withNull = new ArrayList<Object>(values);
            withNull.add(null);
            copy.put("enum", withNull);
        }
        return copy;
    }

    private static Map<String, Object> recordSchema(Class<?> type, Map<Class<?>, String> names, Map<String, Object> schemas) {
        var properties = new LinkedHashMap<String, Object>();
        var required = new ArrayList<String>();
        var include = type.getAnnotation(JsonInclude.class);
        var nonNull = include != null && include.value() == JsonInclude.Include.NON_NULL;
        for (RecordComponent component : type.getRecordComponents()) {
            var primitive = component.getType().isPrimitive();
            properties.put(component.getName(), typeSchema(component.getGenericType(), names, schemas, !primitive && !nonNull));
            if (primitive || !nonNull) required.add(component.getName());
        }
        var schema = new LinkedHashMap<String, Object>();
        schema.put("type", "object");
        schema.put("properties", properties);
        if (!required.isEmpty()) schema.put("required", required);
        return schema;
    }

    private static Map<String, Object> scalar(Class<?> c) {
        if (c == String.class) return Map.of("type", "string");
        if (c == LocalDate.class) return Map.of("type", "string", "format", "date");
        if (c == Instant.class) return Map.of("type", "string", "format", "date-time");
        if (c == Boolean.class || c == boolean.class) return Map.of("type", "boolean");
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) return Map.of("type", "integer");
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) return Map.of("type", "number");
        if (c.isEnum()) {
            return Map.of("type", "string", "enum",
                    Arrays.stream(c.getEnumConstants()).map(e -> e.toString().toLowerCase()).toList());
        }
        if (c == Object.class) return Map.of();
        return Map.of("type", "object");
    }

    private static Map<String, Object> problemSchema() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("type", Map.of("type", "string", "format", "uri",
                "description", "the stable kind of the problem; one of the listed URIs",
                "enum", Arrays.stream(ProblemType.values()).map(ProblemType::uri).toList()));
        properties.put("title", Map.of("type", "string"));
        properties.put("status", Map.of("type", "integer"));
        properties.put("detail", Map.of("type", "string", "description", "for people, in English; not for programs"));
        properties.put("instance", Map.of("type", "string"));
        properties.put("errors", Map.of("type", "array", "items", ref("FieldError"),
                "description", "present on every 400: the fields (or request parts) at fault"));
        return Map.of("type", "object", "required", List.of("type", "title", "status", "detail"), "properties", properties);
    }

    private static Map<String, Object> fieldErrorSchema() {
        var properties = new LinkedHashMap<String, Object>();
        properties.put("field", Map.of("type", "string", "description", "the field's JSON path, query or path parameter, or header"));
        properties.put("code", Map.of("type", "string", "description", """
                stable code of the broken rule: required, too-long, too-short, out-of-range, wrong-type, \
                not-allowed-value, invalid-characters, control-characters, username-format, date-format, \
                instant-format, in-future, in-past, too-young, implausible-date, http-url, before-start, \
                window-too-long, not-yourself, public-account, geojson-polygon, not-found, read-only, \
                malformed-json, not-an-object, unreadable, malformed-multipart, malformed-request, \
                or invalid when nothing more specific applies"""));
        properties.put("message", Map.of("type", "string", "description", "for people, in English"));
        properties.put("limit", Map.of("type", "integer", "description", "the limit broken, for size and age rules"));
        return Map.of("type", "object", "required", List.of("field", "code", "message"), "properties", properties);
    }
}
