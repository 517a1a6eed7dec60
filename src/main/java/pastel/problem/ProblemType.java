package pastel.problem;

/// The stable kinds of problem documents: each is the `type` URI
/// `https://pastel.app/problems/{slug}` (RFC 9457 section 3.1.1), listed in the OpenAPI document.
/// Clients branch and translate on these; a slug never changes meaning once published.
public enum ProblemType {
    INVALID_REQUEST(400, "invalid-request", "Invalid request"),
    UNAUTHENTICATED(401, "unauthenticated", "Not signed in"),
    BAD_CREDENTIALS(401, "bad-credentials", "Wrong username or password"),
    SESSION_EXPIRED(401, "session-expired", "Session expired or revoked"),
    FORBIDDEN(403, "forbidden", "Forbidden"),
    NOT_FRIENDS(403, "not-friends", "Only between friends"),
    MINOR_PUBLIC_STORY(403, "minor-public-story", "Public stories need an adult account"),
    NOT_FOUND(404, "not-found", "Not found"),
    NO_SUCH_ACCOUNT(404, "no-such-account", "No such account"),
    NO_SUCH_ROUTE(404, "no-such-route", "No such endpoint"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    REQUEST_TIMEOUT(408, "request-timeout", "Request timeout"),
    CONFLICT(409, "conflict", "Conflict"),
    USERNAME_TAKEN(409, "username-taken", "Username taken"),
    ALREADY_FRIENDS(409, "already-friends", "Already friends"),
    ALREADY_REQUESTED(409, "already-requested", "Friend request already sent"),
    GONE(410, "gone", "Gone"),
    LINK_EXPIRED(410, "link-expired", "Link expired"),
    LENGTH_REQUIRED(411, "length-required", "Length required"),
    TOO_LARGE(413, "too-large", "Too large"),
    URI_TOO_LONG(414, "uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    RANGE_NOT_SATISFIABLE(416, "range-not-satisfiable", "Range not satisfiable"),
    EXPECTATION_FAILED(417, "expectation-failed", "Expectation failed"),
    UPGRADE_REQUIRED(426, "upgrade-required", "Upgrade required"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request header fields too large"),
    INTERNAL(500, "internal", "Internal error"),
    NOT_IMPLEMENTED(501, "not-implemented", "Method not implemented"),
    UNAVAILABLE(503, "unavailable", "Service unavailable"),
    HTTP_VERSION(505, "http-version-not-supported", "HTTP version not supported"),
    /// Any other status an HTTP layer may answer with.
    HTTP_ERROR(0, "http-error", "HTTP error");

    public static final String BASE = "https://pastel.app/problems/";

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() { return status; }
    public String slug() { return slug; }
    public String title() { return title; }
    public String uri() { return BASE + slug; }

    /// The generic type of a status: what a refusal says when nothing more specific applies.
    public static ProblemType of(int status) {
        for (var type : values()) {
            if (type.status == status) return type;
        }
        return status >= 500 ? INTERNAL : HTTP_ERROR;
    }
}
