package pastel.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/// The route table: registers each route with Javalin and keeps what the OpenAPI document says
/// about it, so the two cannot drift apart.
public final class Api {
    public static final String V1 = "/api/v1";

    private final RoutesConfig routes;
    private final List<Operation> operations = new ArrayList<>();

    public Api(RoutesConfig routes) {
        this.routes = routes;
    }

    /// What the OpenAPI document knows of one route. Mutable while the route table is built.
    public static final class Operation {
        final String method;
        final String path;
        final String tag;
        String summary = "";
        Class<?> body;
        int status = 200;
        boolean authenticated = true;
        String produces = "application/json";
        boolean bodyOptional;
        Access access;
        final List<Query> queries = new ArrayList<>();
        final List<String> uploads = new ArrayList<>();
        java.lang.reflect.Type returns;
        final java.util.Map<Integer, java.lang.reflect.Type> otherResponses = new java.util.TreeMap<>();

        /// A query parameter as the OpenAPI document describes it.
        record Query(String name, Class<?> type, boolean required, String description) {}

        Operation(String method, String path, String tag) {
            this.method = method;
            this.path = path;
            this.tag = tag;
        }

        public Operation summary(String text) { summary = text; return this; }
        public Operation body(Class<?> type) { body = type; return this; }
        /// A JSON body the client may leave out (an approval without a text alternative to add).
        public Operation optionalBody(Class<?> type) { body = type; bodyOptional = true; return this; }
        public Operation status(int code) { status = code; return this; }
        public Operation open() { authenticated = false; return this; }
        public Operation produces(String contentType) { produces = contentType; return this; }
        /// Who may call the route; required on every route (checked by [Api#checkAccessDeclared]).
        public Operation access(Access rule) { access = rule; return this; }
        /// An optional query parameter (OpenAPI only; the handler reads it).
        public Operation query(String name, Class<?> type, String description) {
            queries.add(new Query(name, type, false, description));
            return this;
        }
        /// A required query parameter (OpenAPI only; the handler reads it).
        public Operation requiredQuery(String name, Class<?> type, String description) {
            queries.add(new Query(name, type, true, description));
            return this;
        }
        /// The JSON the success status answers with: a record, or `Api.listOf(Record.class)`.
        public Operation returns(java.lang.reflect.Type type) { returns = type; return this; }
        /// Another success status and what it answers with.
        public Operation alsoReturns(int status, java.lang.reflect.Type type) { otherResponses.put(status, type); return this; }
        /// The body is raw bytes of these media types (uploads), not JSON.
        public Operation uploads(String... mediaTypes) { uploads.addAll(List.of(mediaTypes)); return this; }

        public String method() { return method; }
        public String path() { return path; }
        public Access access() { return access; }
        public boolean authenticated() { return authenticated; }
    }

    /// Routes of one feature, under `/api/v1` unless the path is absolute (starts with `!`).
    public final class Group {
        private final String tag;

        private Group(String tag) {
            this.tag = tag;
        }

        public Operation get(String path, Handler handler) { return add(HandlerType.GET, path, handler); }
        public Operation post(String path, Handler handler) { return add(HandlerType.POST, path, handler); }
        public Operation put(String path, Handler handler) { return add(HandlerType.PUT, path, handler); }
        public Operation patch(String path, Handler handler) { return add(HandlerType.PATCH, path, handler); }
        public Operation delete(String path, Handler handler) { return add(HandlerType.DELETE, path, handler); }

        /// Describes a route registered elsewhere (the WebSocket upgrade) in the OpenAPI document.
        public Operation document(String method, String path, String summary) {
            var operation = new Operation(method, path, tag).summary(summary);
            operations.add(operation);
            return operation;
        }

        private Operation add(HandlerType method, String path, Handler handler) {
            var full = path.startsWith("!") ? path.substring(1) : V1 + path;
            // Every parameter passes the one text rule before the feature sees it.
            Handler checked = ctx -> {
                Text.checkParameters(ctx);
                handler.handle(ctx);
            };
            routes.addHttpHandler(method, full, checked);
            // HEAD is GET without the body (RFC 9110 section 9.3.2): the same handler runs, so
            // the status and headers are GET's; Jetty drops the body of a HEAD response.
            if (method == HandlerType.GET) routes.addHttpHandler(HandlerType.HEAD, full, checked);
            var operation = new Operation(method.name().toLowerCase(), full, tag);
            operations.add(operation);
            return operation;
        }
    }

    /// `List<type>`, for [Operation#returns].
    public static java.lang.reflect.Type listOf(Class<?> type) {
        return new java.lang.reflect.ParameterizedType() {
            @Override public java.lang.reflect.Type[] getActualTypeArguments() { return new java.lang.reflect.Type[] {type}; }
            @Override public java.lang.reflect.Type getRawType() { return List.class; }
            @Override public java.lang.reflect.Type getOwnerType() { return null; }
        };
    }

    /// `Map<String, type>`, for [Operation#returns].
    public static java.lang.reflect.Type mapOf(Class<?> type) {
        return new java.lang.reflect.ParameterizedType() {
            @Override public java.lang.reflect.Type[] getActualTypeArguments() {
                return new java.lang.reflect.Type[] {String.class, type};
            }
            @Override public java.lang.reflect.Type getRawType() { return java.util.Map.class; }
            @Override public java.lang.reflect.Type getOwnerType() { return null; }
        };
    }

    public Group group(String tag) {
        return new Group(tag);
    }

    /// Fails when a route declares no [Access] rule, or one that contradicts its OpenAPI security
    /// (a rule needing a session on an `open()` route, or the reverse): a route nobody decided
    /// the access of must not be served.
    public void checkAccessDeclared() {
        var wrong = new ArrayList<String>();
        for (var op : operations) {
            if (op.access == null) wrong.add(op.method.toUpperCase() + " " + op.path + ": no access rule");
            else if (op.access.needsSession() != op.authenticated) {
                wrong.add(op.method.toUpperCase() + " " + op.path + ": access " + op.access
                        + (op.authenticated ? " needs no session but the route is not open()" : " needs a session but the route is open()"));
            }
        }
        if (!wrong.isEmpty()) throw new IllegalStateException("routes without a valid access rule: " + String.join("; ", wrong));
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }
}
