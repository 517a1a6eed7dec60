package pastel.session;

import io.javalin.http.Context;
import pastel.http.Access;
import java.util.Map;
import pastel.account.AccountViews;
import pastel.http.Api;
import pastel.http.Json;

/// `POST /sessions` and `DELETE /sessions/current`.
public final class SessionRoutes {
    private final SessionService sessions;
    private final Authenticator auth;
    private final AccountViews views;

    public SessionRoutes(SessionService sessions, Authenticator auth, AccountViews views) {
        this.sessions = sessions;
        this.auth = auth;
        this.views = views;
    }

    public record Credentials(String username, String password) {}

    /// What signing in answers: the bearer token and the account.
    public record SignedIn(String token, AccountViews.Me account) {}

    public void register(Api api) {
        var routes = api.group("sessions");
        routes.post("/sessions", this::signIn).open().body(Credentials.class).status(201)
                .summary("Sign in: returns a bearer token").returns(SignedIn.class).access(Access.ANYONE);
        routes.delete("/sessions/current", this::signOut).status(204).summary("Sign out: revokes this token").access(Access.SELF);
    }

    private void signIn(Context ctx) {
        var credentials = Json.read(ctx, Credentials.class);
        var signedIn = sessions.signIn(credentials.username(), credentials.password(), ctx.ip());
        ctx.status(201).json(new SignedIn(signedIn.token(), views.me(signedIn.account())));
    }

    private void signOut(Context ctx) {
        auth.require(ctx);
        sessions.signOut(Authenticator.token(ctx));
        ctx.status(204);
    }
}
