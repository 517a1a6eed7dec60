package pastel.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.EnumFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// Reading request bodies strictly and writing responses: the JSON rules in one place.
///
/// Wrong types are refused rather than coerced (`"username": 12` is an error, not "12"), enum
/// values are lower case, and every failure names the field it came from.
public final class Json {
    /// JSON bodies are small; media has its own streaming path.
    public static final int MAX_BODY_BYTES = 64 * 1024;

    public static final ObjectMapper MAPPER = createMapper();

    private Json() {}

    private static ObjectMapper createMapper() {
        var mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.WRITE_ENUMS_TO_LOWERCASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(MAX_BODY_BYTES).build());
        // Refuse what Jackson would otherwise quietly convert: 12 -> "12", "true" -> true, 1 -> enum #1.
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.String);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String, CoercionInputShape.Boolean, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Float, CoercionInputShape.String, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Enum, CoercionInputShape.Integer);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        var config = mapper.coercionConfigFor(target);
        for (var shape : shapes) config.setCoercion(shape, CoercionAction.Fail);
    }

    /// Reads the body as `type`, or null when the request has none (a route whose body is optional).
    public static <T> T readOptional(Context ctx, Class<T> type) {
        var length = ctx.req().getContentLengthLong();
        if (length == 0 || (length < 0 && ctx.header("Transfer-Encoding") == null)) return null;
        return read(ctx, type);
    }

    /// Reads the body as `type`, or throws the 4xx that says what is wrong with it.
    public static <T> T read(Context ctx, Class<T> type) {
        var node = readTree(ctx);
        if (!node.isObject()) {
            throw new PastelException.BadRequest(new FieldError("body", "not-an-object", "the body must be a JSON object"));
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (InvalidFormatException e) {
            throw new PastelException.Invalid(path(e), e.getTargetType() != null && e.getTargetType().isEnum()
                    ? "not-allowed-value" : "wrong-type", describe(e));
        } catch (MismatchedInputException e) {
            throw new PastelException.Invalid(path(e), "wrong-type", "has the wrong type, expected " + expected(e.getTargetType()));
        } catch (JsonProcessingException e) {
            throw new PastelException.BadRequest(new FieldError("body", "unreadable", "the body could not be read: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            throw new PastelException.BadRequest(new FieldError("body", "unreadable", "the body could not be read"));
        }
    }

    /// The body as a tree, for PATCH where absent and null mean different things. Every string in
    /// it has passed [Text]'s rule.
    public static JsonNode readTree(Context ctx) {
        var length = ctx.req().getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            throw new PastelException.TooLarge("a JSON body may be at most " + MAX_BODY_BYTES + " bytes");
        }
        byte[] bytes;
        try {
            Bodies.reading(ctx);
            // Not closed: the rest of an over-long body is still to be drained (see Bodies).
            bytes = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new PastelException.BadRequest(new FieldError("body", "unreadable", "the body could not be read"));
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new PastelException.TooLarge("a JSON body may be at most " + MAX_BODY_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new PastelException.BadRequest(new FieldError("body", "required", "a JSON body is required"));
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (JsonParseException e) {
            throw new PastelException.BadRequest(new FieldError("body", "malformed-json", "malformed JSON at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new PastelException.BadRequest(new FieldError("body", "malformed-json",
                    "malformed JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")));
        }
        if (node == null || node.isMissingNode()) {
            throw new PastelException.BadRequest(new FieldError("body", "required", "a JSON body is required"));
        }
        Text.checkJson(node);
        return node;
    }

    private static String path(MismatchedInputException e) {
        var path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path.replace(".[", "[");
    }

    private static String describe(InvalidFormatException e) {
        var target = e.getTargetType();
        if (target != null && target.isEnum()) {
            var allowed = Arrays.stream(target.getEnumConstants())
                    .map(c -> c.toString().toLowerCase())
                    .collect(Collectors.joining(", "));
            return "must be one of: " + allowed;
        }
        return "has the wrong type, expected " + expected(target);
    }

    private static String expected(Class<?> target) {
        if (target == null) return "another type";
        if (target == String.class) return "a string";
        if (target == Boolean.class || target == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(target) || target.isPrimitive()) return "a number";
        if (target.isEnum()) return "one of the allowed values";
        if (java.util.Collection.class.isAssignableFrom(target) || target.isArray()) return "an array";
        return "an object";
    }
}
