package pastel.http;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.problem.PastelException;
import pastel.problem.PastelException.RangeNotSatisfiable;
import pastel.problem.PastelException.TooManyRequests;
import pastel.problem.PastelException.Unauthenticated;
import pastel.problem.Problem;

/// How Javalin answers every refusal: the [Problem] document, with the headers some refusals
/// carry (`Retry-After`, `WWW-Authenticate`, `Content-Range`). Jetty's own errors go through
/// [JettyProblemHandler], to the same documents.
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {}

    public static void answer(PastelException exception, Context ctx) {
        switch (exception) {
            case TooManyRequests e -> ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds() + 1)));
            case Unauthenticated e -> ctx.header("WWW-Authenticate", "Bearer");
            case RangeNotSatisfiable e -> ctx.header("Content-Range", "bytes */" + e.size());
            default -> { }
        }
        // The client may still be sending (an upload refused for its size, its type or its
        // session): read the rest, bounded, so it gets this answer instead of a reset connection.
        Bodies.discardRest(ctx);
        write(ctx, Problem.of(exception));
    }

    /// For statuses Javalin or the server decide themselves (unknown route, wrong method, body too big, starting).
    public static void answerStatus(Context ctx, int status, String detail) {
        Bodies.discardRest(ctx);
        write(ctx, Problem.ofRoute(status, detail));
    }

    public static void answerUnexpected(Exception exception, Context ctx) {
        LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), exception);
        write(ctx, Problem.unexpected());
    }

    private static void write(Context ctx, Problem problem) {
        ctx.status(problem.status());
        ctx.json(problem.at(ctx.path()).body());
        ctx.contentType(Problem.CONTENT_TYPE);
    }
}
