package pastel.problem;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.http.Bodies;
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

/// The one table from refusals to RFC 9457 problem documents, for every layer: the
/// application's exceptions, Javalin's statuses and Jetty's own errors ([JettyProblemHandler])
/// all come out as `application/problem+json` with a stable `type` ([ProblemType]), and every
/// 400 lists what was wrong in `errors`.
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    public static void answer(PastelException exception, Context ctx) {
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
        var type = exception.kind() != null ? exception.kind() : ProblemType.of(status);
        List<FieldError> errors = switch (exception) {
            case Invalid e -> e.errors();
            case BadRequest e -> List.of(e.error());
            default -> null;
        };
        switch (exception) {
            case TooManyRequests e -> ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds() + 1)));
            case Unauthenticated e -> ctx.header("WWW-Authenticate", "Bearer");
            case RangeNotSatisfiable e -> ctx.header("Content-Range", "bytes */" + e.size());
            default -> { }
        }
        // The client may still be sending (an upload refused for its size, its type or its
        // session): read the rest, bounded, so it gets this answer instead of a reset connection.
        Bodies.discardRest(ctx);
        write(ctx, body(type, status, exception.getMessage(), errors, ctx.path()));
    }

    /// For statuses Javalin or Jetty decide themselves (unknown route, wrong method, body too big).
    public static void answerStatus(Context ctx, int status, String detail) {
        var type = status == 404 ? ProblemType.NO_SUCH_ROUTE : ProblemType.of(status);
        Bodies.discardRest(ctx);
        write(ctx, body(type, status, detail, null, ctx.path()));
    }

    public static void answerUnexpected(Exception exception, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
        write(ctx, body(ProblemType.INTERNAL, 500, "An unexpected error occurred; it has been logged.", null, ctx.path()));
    }

    /// The problem document itself. A 400 without field errors names the request as a whole,
    /// so `errors` is always there for 400 (PRODUCT.md's contract).
    public static Map<String, Object> body(ProblemType type, int status, String detail, List<FieldError> errors,
                                           String instance) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type.uri());
        body.put("title", type.status() == status ? type.title() : org.eclipse.jetty.http.HttpStatus.getMessage(status));
        body.put("status", status);
        body.put("detail", detail == null || detail.isBlank() ? type.title() : detail);
        if (instance != null) body.put("instance", instance);
        if (errors == null && status == 400) {
            errors = List.of(new FieldError("request", "malformed-request", body.get("detail").toString()));
        }
        if (errors != null) body.put("errors", errors);
        return body;
    }

    private static void write(Context ctx, Map<String, Object> body) {
        ctx.status((Integer) body.get("status"));
        ctx.json(body);
        ctx.contentType(CONTENT_TYPE);
    }
}
