package pastel.realtime;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import java.util.Optional;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Bearer;

/// `GET /api/v1/events`: the WebSocket a signed-in client holds. The token comes in the
/// Authorization header or, for browsers, the `access_token` query parameter; without a valid
/// one the upgrade is refused with 401.
///
/// A plain Jetty WebSocket servlet rather than a Javalin handler: Javalin keeps a copy of every
/// upgrade request's headers, parameters and a servlet session per connection, which is most of
/// what 10,000 idle connections would cost. Here a connection holds its Jetty session and the
/// [Hub]'s small record, nothing else.
public final class RealtimeRoutes {
    public static final String PATH = "/api/v1/events";

    private final Hub hub;
    private final Tokens tokens;
    private final BooleanSupplier ready;

    /// Who holds a bearer token, as the sessions know it (kept as an interface so this package
    /// depends on no feature).
    @FunctionalInterface
    public interface Tokens {
        Optional<Holder> holder(String token);
    }

    /// A signed-in token's account, and the token's hash: how a sign-out names the session.
    public record Holder(String accountId, String tokenHash) {}

    /// `ready` says whether the database is migrated; before that, upgrades get 503.
    public RealtimeRoutes(Hub hub, Tokens tokens, BooleanSupplier ready) {
        this.hub = hub;
        this.tokens = tokens;
        this.ready = ready;
    }

    /// The socket in the OpenAPI document (the servlet itself is outside Javalin's route table).
    public static void document(Api api) {
        api.group("realtime").document("get", PATH,
                        "WebSocket of events for the signed-in account (token in Authorization or access_token)")
                .status(101).query("access_token", String.class, "the bearer token, for browsers that cannot set headers")
                .access(Access.SELF);
    }

    public void register(ServletContextHandler context) {
        JettyWebSocketServletContainerInitializer.configure(context, null);
        context.addServlet(new ServletHolder("pastel-events", new JettyWebSocketServlet() {
            // Only GET (the upgrade) and HEAD belong here: any other method is 405 with Allow, as
            // on every other route (HttpServlet would say 501 for PATCH and unknown methods); a GET
            // that is not an upgrade is 426 (RFC 9110 section 15.5.22). Each is a problem document
            // (JettyProblemHandler).
            @Override
            protected void service(jakarta.servlet.http.HttpServletRequest request,
                                   jakarta.servlet.http.HttpServletResponse response)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                var method = request.getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    response.setHeader("Allow", "GET, HEAD");
                    response.sendError(405, "this endpoint is a WebSocket: only GET (an upgrade) is allowed");
                    return;
                }
                super.service(request, response);
            }

            @Override
            protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                                 jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
                response.setHeader("Upgrade", "websocket");
                response.sendError(426, "this endpoint is a WebSocket: send an upgrade request");
            }

            @Override
            protected void configure(JettyWebSocketServletFactory factory) {
                // Events are small: modest per-connection buffers keep 10,000 idle sockets cheap,
                // and a minute of silence (pings go out every 20 s) means the client is gone.
                factory.setInputBufferSize(1024);
                factory.setOutputBufferSize(2048);
                factory.setMaxTextMessageSize(8 * 1024);
                factory.setIdleTimeout(Duration.ofSeconds(60));
                factory.setCreator((request, response) -> {
                    if (!ready.getAsBoolean()) {
                        response.sendError(503, "starting up: try again in a moment");
                        return null;
                    }
                    var token = token(request);
                    var holder = token == null ? null : tokens.holder(token).orElse(null);
                    if (holder == null) {
                        response.sendError(401, "sign in first: a valid bearer token is needed");
                        return null;
                    }
                    return new Endpoint(hub, holder.accountId(), holder.tokenHash());
                });
            }
        }), PATH);
    }

    /// One client's socket: registered with the hub once open, removed when it ends. Public
    /// because Jetty binds its methods through a public method-handle lookup.
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final Hub hub;
        private final String accountId;
        private final String tokenHash;
        private Hub.Connection connection;

        Endpoint(Hub hub, String accountId, String tokenHash) {
            this.hub = hub;
            this.accountId = accountId;
            this.tokenHash = tokenHash;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            connection = hub.connect(accountId, tokenHash, session);
        }

        @Override
        public void onWebSocketText(String message) {
            // Clients only listen; anything they send is ignored.
        }

        @Override
        public void onWebSocketClose(int status, String reason, Callback callback) {
            if (connection != null) connection.close(1000, "bye");
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            if (connection != null) connection.close(1011, "error");
        }
    }

    private static String token(JettyServerUpgradeRequest request) {
        var token = Bearer.token(request.getHeader("Authorization"));
        if (token == null) {
            var values = request.getParameterMap().get("access_token");
            if (values != null && !values.isEmpty() && !values.getFirst().isBlank()) token = values.getFirst().strip();
        }
        return token;
    }
}
