package pastel.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// The one rule for every piece of text a client sends (JSON strings and keys, query and path
/// parameters), applied before any feature sees it, so both databases get the same input.
///
/// A NUL character is refused (PostgreSQL cannot store it in text at all, SQLite would keep it
/// and cut it short in C string functions), and so is a lone UTF-16 surrogate (`"\ud800"` in
/// JSON, which has no UTF-8 form and would be stored as `?` by one driver and kept by another).
/// Both are 400 with the field's code `invalid-characters`. Lengths stay each feature's rule.
public final class Text {
    public static final String INVALID_CHARACTERS = "invalid-characters";

    private Text() {}

    /// Whether `text` holds only characters every database stores as they are.
    public static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return false;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /// Checks the path and query parameters of a request.
    public static void checkParameters(Context ctx) {
        var errors = new ArrayList<FieldError>();
        for (var entry : ctx.pathParamMap().entrySet()) {
            check(errors, entry.getKey(), entry.getValue());
        }
        for (Map.Entry<String, List<String>> entry : ctx.queryParamMap().entrySet()) {
            check(errors, entry.getKey(), entry.getKey());
            for (var value : entry.getValue()) check(errors, entry.getKey(), value);
        }
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
    }

    /// Checks every string and key of a JSON document; fields are named by their path.
    public static void checkJson(JsonNode node) {
        var errors = new ArrayList<FieldError>();
        walk(node, "", errors);
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
    }

    private static void walk(JsonNode node, String path, List<FieldError> errors) {
        if (errors.size() >= 20) return;
        if (node.isTextual()) {
            check(errors, path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), path + "[" + i + "]", errors);
        } else if (node.isObject()) {
            for (var field : node.properties()) {
                var name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(errors, name, field.getKey());
                walk(field.getValue(), name, errors);
            }
        }
    }

    private static void check(List<FieldError> errors, String field, String value) {
        if (value != null && !storable(value)) {
            errors.add(new FieldError(printable(field), INVALID_CHARACTERS,
                    "must not contain NUL characters or unpaired surrogates"));
        }
    }

    /// A field name fit to be echoed back: its bad characters shown as U+FFFD.
    private static String printable(String field) {
        var out = new StringBuilder(Math.min(field.length(), 200));
        for (int i = 0; i < field.length() && out.length() < 200; i++) {
            char c = field.charAt(i);
            boolean lone = (Character.isHighSurrogate(c) && (i + 1 >= field.length() || !Character.isLowSurrogate(field.charAt(i + 1))))
                    || (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(field.charAt(i - 1))));
            out.append(c == 0 || lone ? '\uFFFD' : c);
        }
        return out.toString();
    }
}
