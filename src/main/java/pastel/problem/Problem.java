package pastel.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import pastel.problem.PastelException.BadRequest;
import pastel.problem.PastelException.Conflict;
import pastel.problem.PastelException.FieldError;
import pastel.problem.PastelException.Forbidden;
import pastel.problem.PastelException.Gone;
import pastel.problem.PastelException.Invalid;
import pastel.problem.PastelException.NotFound;
import pastel.problem.PastelException.RangeNotSatisfiable;
import pastel.problem.PastelException.TooLarge;
import pastel.problem.PastelException.TooManyRequests;
import pastel.problem.PastelException.Unauthenticated;
import pastel.problem.PastelException.UnsupportedMedia;

/// The one builder of RFC 9457 problem documents: every refusal, whoever decides it (the
/// application's exceptions, Javalin's statuses, Jetty's own errors), becomes one of these, and
/// [#body] is the `application/problem+json` document with a stable `type` ([ProblemType]).
/// A 400 always lists what was wrong in `errors` (PRODUCT.md's contract).
public record Problem(ProblemType type, int status, String detail, List<FieldError> errors, String instance) {
    public static final String CONTENT_TYPE = "application/problem+json";

    /// The application's refusal: its status, its kind (or the status's), its field errors.
    public static Problem of(PastelException exception) {
        var status = switch (exception) {
            case Invalid e -> 400;
            case BadRequest e -> 400;
            case Unauthenticated e -> 401;
            case Forbidden e -> 403;
            case NotFound e -> 404;
            case Conflict e -> 409;
            case Gone e -> 410;
            case TooLarge e -> 413;
            case UnsupportedMedia e -> 415;
            case RangeNotSatisfiable e -> 416;
            case TooManyRequests e -> 429;
        };
        List<FieldError> errors = switch (exception) {
            case Invalid e -> e.errors();
            case BadRequest e -> List.of(e.error());
            default -> null;
        };
        var type = exception.kind() != null ? exception.kind() : ProblemType.of(status);
        return new Problem(type, status, exception.getMessage(), errors, null);
    }

    /// A status the server decides itself (starting up, a body too large, Jetty's own errors).
    public static Problem ofStatus(int status, String detail) {
        return new Problem(ProblemType.of(status), status, detail, null, null);
    }

    /// A status of the route table: a 404 there means no such route, not no such thing.
    public static Problem ofRoute(int status, String detail) {
        return new Problem(status == 404 ? ProblemType.NO_SUCH_ROUTE : ProblemType.of(status), status, detail, null, null);
    }

    /// An error nobody foresaw: logged by the caller, said in general terms here.
    public static Problem unexpected() {
        return new Problem(ProblemType.INTERNAL, 500, "An unexpected error occurred; it has been logged.", null, null);
    }

    /// The same problem, about the request at `path` (null: none known).
    public Problem at(String path) {
        return new Problem(type, status, detail, errors, path);
    }

    /// The document itself, fields in the order clients see them; a blank detail is the title.
    public Map<String, Object> body() {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type.uri());
        body.put("title", type.status() == status ? type.title() : HttpStatus.getMessage(status));
        body.put("status", status);
        var said = detail == null || detail.isBlank() ? type.title() : detail;
        body.put("detail", said);
        if (instance != null) body.put("instance", instance);
        var listed = errors == null && status == 400
                ? List.of(new FieldError("request", "malformed-request", said)) : errors;
        if (listed != null) body.put("errors", listed);
        return body;
    }
}
