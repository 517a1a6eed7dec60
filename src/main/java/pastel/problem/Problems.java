package pastel.problem;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.problem.PastelException.BadRequest;
import pastel.problem.PastelException.Conflict;
import pastel.problem.PastelException.Forbidden;
import pastel.problem.PastelException.Gone;
import pastel.problem.PastelException.Invalid;
import pastel.problem.PastelException.NotFound;
import pastel.problem.PastelException.TooLarge;
import pastel.problem.PastelException.TooManyRequests;
import pastel.problem.PastelException.Unauthenticated;
import pastel.problem.PastelException.UnsupportedMedia;

/// The one table from exceptions to RFC 9457 problem documents.
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_BASE = "https://pastel.app/problems/";

    private Problems() {}

    public static void answer(PastelException exception, Context ctx) {
        var problem = switch (exception) {
            case Invalid e -> problem(400, "invalid-request", "Invalid request", e.getMessage())
                    .with("errors", e.errors());
            case BadRequest e -> problem(400, "bad-request", "Bad request", e.getMessage());
            case Unauthenticated e -> problem(401, "unauthenticated", "Not signed in", e.getMessage());
            case Forbidden e -> problem(403, "forbidden", "Forbidden", e.getMessage());
            case NotFound e -> problem(404, "not-found", "Not found", e.getMessage());
            case Conflict e -> problem(409, "conflict", "Conflict", e.getMessage());
            case Gone e -> problem(410, "gone", "Gone", e.getMessage());
            case TooLarge e -> problem(413, "too-large", "Too large", e.getMessage());
            case UnsupportedMedia e -> problem(415, "unsupported-media-type", "Unsupported media type", e.getMessage());
            case TooManyRequests e -> {
                ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds() + 1)));
                yield problem(429, "too-many-requests", "Too many requests", e.getMessage());
            }
        };
        if (exception instanceof Unauthenticated) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        write(ctx, problem);
    }

    /// For statuses Javalin or Jetty decide themselves (unknown route, wrong method, body too big).
    public static void answerStatus(Context ctx, int status, String detail) {
        var slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "too-large";
            default -> "http-" + status;
        };
        write(ctx, problem(status, slug, title(status), detail));
    }

    public static void answerUnexpected(Exception exception, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
        write(ctx, problem(500, "internal", "Internal error", "An unexpected error occurred; it has been logged."));
    }

    private static Problem problem(int status, String slug, String title, String detail) {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return new Problem(status, body);
    }

    private static void write(Context ctx, Problem problem) {
        problem.body().put("instance", ctx.path());
        ctx.status(problem.status());
        ctx.json(problem.body());
        ctx.contentType("application/problem+json");
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Too large";
            default -> "HTTP " + status;
        };
    }

    private record Problem(int status, Map<String, Object> body) {
        Problem with(String key, Object value) {
            body.put(key, value);
            return this;
        }
    }
}
