package pastel.realtime;

import io.javalin.config.RoutesConfig;
import io.javalin.http.UnauthorizedResponse;
import java.util.concurrent.TimeUnit;
import pastel.account.Account;
import pastel.session.SessionService;

/// `GET /api/v1/events`: the WebSocket a signed-in client holds. The token comes in the
/// Authorization header or, for browsers, the `access_token` query parameter; without a valid
/// one the upgrade is refused with 401.
public final class RealtimeRoutes {
    public static final String PATH = "/api/v1/events";

    private final Hub hub;
    private final SessionService sessions;

    public RealtimeRoutes(Hub hub, SessionService sessions) {
        this.hub = hub;
        this.sessions = sessions;
    }

    public void register(RoutesConfig routes) {
        routes.wsBeforeUpgrade(PATH, ctx -> {
            if (account(ctx.header("Authorization"), ctx.queryParam("access_token")) == null) {
                throw new UnauthorizedResponse("sign in first: a valid bearer token is needed");
            }
        });
        routes.ws(PATH, ws -> {
            ws.onConnect(ctx -> {
                var account = account(ctx.header("Authorization"), ctx.queryParam("access_token"));
                if (account == null) {
                    ctx.closeSession(4001, "unauthenticated");
                    return;
                }
                ctx.attribute("connection", hub.connect(account.id(), ctx));
                ctx.enableAutomaticPings(20, TimeUnit.SECONDS);
            });
            ws.onClose(ctx -> {
                Hub.Connection connection = ctx.attribute("connection");
                if (connection != null) connection.close(1000, "bye");
            });
            ws.onError(ctx -> {
                Hub.Connection connection = ctx.attribute("connection");
                if (connection != null) connection.close(1011, "error");
            });
            ws.onMessage(ctx -> { /* clients only listen; anything they send is ignored */ });
        });
    }

    private Account account(String header, String queryToken) {
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) token = header.substring(7).strip();
        if ((token == null || token.isEmpty()) && queryToken != null) token = queryToken.strip();
        return token == null || token.isEmpty() ? null : sessions.authenticate(token).orElse(null);
    }
}
