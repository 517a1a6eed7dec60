package pastel.session;

import io.javalin.http.Context;
import java.util.Optional;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.account.Viewer;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;

/// Finds the signed-in account of a request from `Authorization: Bearer <token>`.
public final class Authenticator implements CurrentAccount {
    private final SessionService sessions;

    public Authenticator(SessionService sessions) {
        this.sessions = sessions;
    }

    @Override
    public Account require(Context ctx) {
        return optional(ctx).orElseThrow(() -> new PastelException.Unauthenticated(
                token(ctx) == null ? "sign in first: send Authorization: Bearer <token>" : "the session has expired or was revoked"));
    }

    @Override
    public Optional<Account> optional(Context ctx) {
        var token = token(ctx);
        if (token == null) return Optional.empty();
        var cached = ctx.<Account>attribute("pastel.account");
        if (cached != null) return Optional.of(cached);
        var account = sessions.authenticate(token);
        if (account.isEmpty()) {
            throw new PastelException.Unauthenticated(ProblemType.SESSION_EXPIRED, "the session has expired or was revoked");
        }
        ctx.attribute("pastel.account", account.get());
        return account;
    }

    @Override
    public Viewer viewer(Context ctx) {
        var account = optional(ctx);
        return account.map(a -> new Viewer(a, SessionService.referenceOf(token(ctx)))).orElse(Viewer.ANONYMOUS);
    }

    @Override
    public Account requireAdmin(Context ctx) {
        var account = require(ctx);
        // A resource the caller may not see answers 404: a non-admin learns nothing of the admin routes.
        if (!account.admin()) throw new PastelException.NotFound("no such resource");
        return account;
    }

    @Override
    public void endOtherSessions(Context ctx) {
        sessions.endOthers(require(ctx), token(ctx));
    }

    static String token(Context ctx) {
        return bearer(ctx.header("Authorization"));
    }

    /// The token of an `Authorization: Bearer <token>` header value, or null.
    public static String bearer(String header) {
        return pastel.http.Bearer.token(header);
    }
}
