package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import pastel.http.Access;
import pastel.http.Api;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestMedia;
import pastel.support.WsClient;

/// The access matrix, generated from the route table: every registered route is tried as every
/// role (anonymous, stranger, friend, blocked by the owner, blocking the owner, owner, manager,
/// former manager, minor, admin) on the thing of someone else it reads or changes, and the answer
/// is judged against the route's declared [Access] rule:
///
/// - a role the rule refuses must get 401/403/404 (or a 2xx that shows none of the thing: an
///   empty list), never the thing, never a change;
/// - a role the rule admits must not be refused (a rule too strict is a defect too);
/// - nobody ever gets a 5xx;
/// - every media URL handed out serves while its viewer may see, and stops within 1 s once the
///   viewer loses the right (a block, at the end);
/// - the owners' WebSockets receive nothing caused by a refused role.
///
/// A route with no case below fails the suite: a new route must say how it is tried. Routes
/// acting only on the caller's own things (`SELF`) and the anonymous-only ones (sign-up, sign-in)
/// are tried anonymously (401 expected for `SELF`).
class AccessMatrixTest extends ServerTest {
    enum Role { ANONYMOUS, STRANGER, FRIEND, BLOCKED, BLOCKING, OWNER, MANAGER, FORMER_MANAGER, MINOR, ADMIN }

    /// Whose thing a case acts on, and who may see it.
    enum Scope {
        /// Something anyone may see (an official account's public story, an adult's profile).
        PUBLIC,
        /// A personal account's friends-only thing.
        FRIENDS_ONLY,
        /// A minor's profile or page: never for anonymous callers.
        MINOR,
        /// A page for anyone, who is never known there (browsers send no token to `/@name`).
        PAGE,
        /// Nothing of anyone's (health, the web client's files).
        NONE
    }

    /// One request. `secret`: what only admitted roles may find in the answer (null: nothing to look for).
    record Call(String method, String path, Object body, String secret) {}

    @FunctionalInterface
    interface Builder {
        /// The request `role` makes; `admitted` says whether the rule admits it (then a request
        /// that uses up its thing gets a fresh one, so the next roles still find theirs).
        Call build(World w, Role role, boolean admitted) throws Exception;
    }

    /// How one route is tried: its scope, the roles at the ends of the thing (for `PARTY`), the request.
    record Case(Scope scope, Set<Role> parties, Builder builder) {}

    static final class World {
        User personal, official, friend, stranger, blocked, blocking, manager, formerManager, minor, admin, requester;
        String personalItem, officialItem, unopenedSnap, openedSnap, message, teamMember, geofilter;
        /// Tokens standing in for a role for one request (a fresh friend ending a friendship).
        final Map<Role, String> tokens = new java.util.EnumMap<>(Role.class);

        User as(Role role, Scope scope) {
            return switch (role) {
                case ANONYMOUS -> null;
                case STRANGER -> stranger;
                case FRIEND -> friend;
                case BLOCKED -> blocked;
                case BLOCKING -> blocking;
                case OWNER -> scope == Scope.PUBLIC ? official : personal;
                case MANAGER -> manager;
                case FORMER_MANAGER -> formerManager;
                case MINOR -> minor;
                case ADMIN -> admin;
            };
        }
    }

    private static final String FRIENDS_CAPTION = "FRIENDS-ONLY-CAPTION";
    private static final String PUBLIC_CAPTION = "PUBLIC-CAPTION";

    private final Map<String, Case> cases = new LinkedHashMap<>();

    private void on(String method, String path, Scope scope, Builder builder) {
        cases.put(method.toUpperCase() + " " + path, new Case(scope, EnumSet.noneOf(Role.class), builder));
    }

    private void on(String method, String path, Scope scope, Set<Role> parties, Builder builder) {
        cases.put(method.toUpperCase() + " " + path, new Case(scope, parties, builder));
    }

    private static Call call(String method, String path) {
        return new Call(method, path, null, null);
    }

    private static Call call(String method, String path, Object body) {
        return new Call(method, path, body, null);
    }

    private void declareCases() {
        var V1 = Api.V1;
        // Operations and the web client: nothing of anyone's.
        for (var path : List.of("/health/live", "/health/ready", "/api/openapi.json", "/", "/app/{name}",
                "/manifest.webmanifest", "/sw.js", "/assets/{name}", "/app/{version}/{name}")) {
            on("get", path, Scope.NONE, (w, r, a) -> call("GET", path.replace("{version}", "0")
                    .replace("{name}", path.startsWith("/assets") ? "story-player.js" : "app.js")));
        }
        on("get", "/favicon.ico", Scope.NONE, (w, r, a) -> call("GET", "/favicon.ico"));
        on("get", "/icons/{name}", Scope.NONE, (w, r, a) -> call("GET", "/icons/icon-192.png"));
        on("get", "/metrics", Scope.NONE, (w, r, a) -> call("GET", "/metrics"));
        on("get", V1 + "/events", Scope.NONE, (w, r, a) -> null); // the WebSocket: tried apart
        on("get", V1 + "/geofilters", Scope.NONE, (w, r, a) -> call("GET", "geofilters?lat=43.6&lon=1.44"));
        on("get", V1 + "/discover", Scope.PUBLIC, (w, r, a) -> new Call("GET", "discover?q=" + w.official.username(), null,
                w.official.username()));
        on("get", V1 + "/leaderboard", Scope.PUBLIC, (w, r, a) -> new Call("GET", "leaderboard?category=city", null,
                w.official.username()));

        // Accounts and sessions.
        on("post", V1 + "/accounts", Scope.NONE, (w, r, a) -> call("POST", "accounts", Map.of("username",
                uniqueName("matrixnew"), "password", PASSWORD, "displayName", "New", "birthDate", bornYearsAgo(20).toString())));
        on("post", V1 + "/sessions", Scope.NONE, (w, r, a) -> call("POST", "sessions",
                Map.of("username", w.stranger.username(), "password", PASSWORD)));
        for (var m : List.of("get", "patch", "delete")) on(m, V1 + "/me", Scope.NONE, (w, r, a) -> call(m.toUpperCase(), "me", Map.of()));
        on("delete", V1 + "/sessions/current", Scope.NONE, (w, r, a) -> call("DELETE", "sessions/current"));
        on("get", V1 + "/accounts/{username}", Scope.PUBLIC, (w, r, a) -> new Call("GET", "accounts/" + w.personal.username(),
                null, "subscriberCount"));
        on("get", V1 + "/me/managed", Scope.NONE, (w, r, a) -> call("GET", "me/managed"));
        on("put", V1 + "/me/avatar", Scope.NONE, (w, r, a) -> call("PUT", "me/avatar", TestMedia.noisyJpeg(16, 16)));
        on("delete", V1 + "/me/avatar", Scope.NONE, (w, r, a) -> call("DELETE", "me/avatar"));
        on("get", V1 + "/avatars", Scope.PUBLIC, (w, r, a) -> new Call("GET", "avatars?usernames=" + w.personal.username(),
                null, w.personal.username()));
        on("get", V1 + "/friends/search", Scope.PUBLIC, (w, r, a) -> new Call("GET", "friends/search?q=" + w.personal.username(),
                null, w.personal.username()));

        // Friends, blocks, subscriptions.
        on("post", V1 + "/friends/requests", Scope.FRIENDS_ONLY, (w, r, a) -> call("POST", "friends/requests",
                Map.of("username", w.personal.username())));
        on("get", V1 + "/friends/requests", Scope.NONE, (w, r, a) -> call("GET", "friends/requests"));
        on("post", V1 + "/friends/requests/{id}/accept", Scope.FRIENDS_ONLY, EnumSet.of(Role.OWNER),
                (w, r, a) -> call("POST", "friends/requests/" + request(w.requester, w.personal, a) + "/accept"));
        on("post", V1 + "/friends/requests/{id}/decline", Scope.FRIENDS_ONLY, EnumSet.of(Role.OWNER),
                (w, r, a) -> call("POST", "friends/requests/" + request(w.requester, w.personal, a) + "/decline"));
        on("delete", V1 + "/friends/requests/{id}", Scope.FRIENDS_ONLY, EnumSet.of(Role.OWNER),
                (w, r, a) -> call("DELETE", "friends/requests/" + request(w.personal, w.requester, a)));
        on("get", V1 + "/friends", Scope.NONE, (w, r, a) -> call("GET", "friends"));
        on("delete", V1 + "/friends/{username}", Scope.FRIENDS_ONLY, (w, r, a) -> {
            // The friend ending the friendship would change the world: a fresh friend does it.
            var who = a ? freshFriendOf(w.personal) : null;
            if (who != null) w.tokens.put(Role.FRIEND, who.token());
            return call("DELETE", "friends/" + w.personal.username());
        });
        on("post", V1 + "/blocks", Scope.NONE, (w, r, a) -> call("POST", "blocks", Map.of("username", w.personal.username())));
        on("delete", V1 + "/blocks/{username}", Scope.NONE, (w, r, a) -> call("DELETE", "blocks/" + w.personal.username()));
        on("get", V1 + "/blocks", Scope.NONE, (w, r, a) -> call("GET", "blocks"));
        on("put", V1 + "/subscriptions/{username}", Scope.PUBLIC, (w, r, a) -> call("PUT", "subscriptions/" + w.official.username()));
        on("delete", V1 + "/subscriptions/{username}", Scope.NONE, (w, r, a) -> call("DELETE", "subscriptions/" + w.official.username()));
        on("get", V1 + "/subscriptions", Scope.NONE, (w, r, a) -> call("GET", "subscriptions"));

        // Admin.
        on("post", V1 + "/admin/accounts/{username}/verify", Scope.PUBLIC, (w, r, a) -> call("POST", "admin/accounts/" + w.official.username() + "/verify"));
        on("delete", V1 + "/admin/accounts/{username}/verify", Scope.PUBLIC, (w, r, a) -> call("DELETE", "admin/accounts/" + w.official.username() + "/verify"));
        on("post", V1 + "/admin/geofilters/{id}/approve", Scope.PUBLIC, (w, r, a) ->
                call("POST", "admin/geofilters/" + (a ? geofilter(w) : w.geofilter) + "/approve"));
        on("get", V1 + "/admin/geofilters", Scope.PUBLIC, (w, r, a) -> new Call("GET", "admin/geofilters", null, w.geofilter));
        on("post", V1 + "/admin/geofilters/{id}/reject", Scope.PUBLIC, (w, r, a) ->
                call("POST", "admin/geofilters/" + (a ? geofilter(w) : w.geofilter) + "/reject"));
        // Each try files its own report: its reason is the secret only an admin may read.
        on("get", V1 + "/admin/reports", Scope.NONE, (w, r, a) -> {
            var reason = "matrix report " + uniqueName("r");
            report(w, reason);
            return new Call("GET", "admin/reports", null, reason);
        });
        for (var verdict : List.of("resolve", "dismiss")) {
            on("post", V1 + "/admin/reports/{id}/" + verdict, Scope.NONE, (w, r, a) ->
                    call("POST", "admin/reports/" + report(w, "matrix " + verdict) + "/" + verdict));
        }

        // Media and snaps.
        on("post", V1 + "/media", Scope.NONE, (w, r, a) -> call("POST", "media", TestMedia.noisyJpeg(16, 16)));
        on("get", "/media/{id}/{variant}", Scope.NONE, (w, r, a) -> null); // the URLs routes hand out: checked apart
        on("post", V1 + "/snaps", Scope.FRIENDS_ONLY, (w, r, a) -> call("POST", "snaps", Map.of("mediaId", upload(w, r),
                "to", List.of(w.personal.username()), "viewSeconds", 3)));
        on("get", V1 + "/snaps/received", Scope.NONE, (w, r, a) -> call("GET", "snaps/received"));
        on("get", V1 + "/snaps/sent", Scope.NONE, (w, r, a) -> call("GET", "snaps/sent"));
        on("post", V1 + "/snaps/{id}/open", Scope.FRIENDS_ONLY, EnumSet.of(Role.FRIEND), (w, r, a) ->
                new Call("POST", "snaps/" + w.unopenedSnap + "/open", null, "mediaUrl"));
        on("post", V1 + "/snaps/{id}/replay", Scope.FRIENDS_ONLY, EnumSet.of(Role.FRIEND), (w, r, a) ->
                new Call("POST", "snaps/" + w.openedSnap + "/replay", null, "mediaUrl"));
        on("post", V1 + "/snaps/{id}/screenshot", Scope.FRIENDS_ONLY, EnumSet.of(Role.FRIEND), (w, r, a) ->
                call("POST", "snaps/" + w.openedSnap + "/screenshot"));

        // Stories.
        on("post", V1 + "/stories", Scope.PUBLIC, (w, r, a) -> call("POST", "stories", Map.of("mediaId", upload(w, r),
                "account", w.official.username())));
        on("get", V1 + "/stories/feed", Scope.NONE, (w, r, a) -> call("GET", "stories/feed"));
        on("get", V1 + "/accounts/{username}/stories", Scope.FRIENDS_ONLY, (w, r, a) ->
                new Call("GET", "accounts/" + w.personal.username() + "/stories", null, FRIENDS_CAPTION));
        on("get", V1 + "/accounts/{username}/highlights", Scope.PUBLIC, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/highlights", null, PUBLIC_CAPTION));
        on("post", V1 + "/stories/{id}/views", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("POST", "stories/" + w.personalItem + "/views", Map.of("watchedMs", 500, "completed", false)));
        on("post", V1 + "/stories/{id}/replies", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("POST", "stories/" + w.personalItem + "/replies", Map.of("text", "nice")));
        on("post", V1 + "/stories/{id}/screenshot", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("POST", "stories/" + w.personalItem + "/screenshot"));
        on("get", V1 + "/stories/{id}/viewers", Scope.FRIENDS_ONLY, (w, r, a) ->
                new Call("GET", "stories/" + w.personalItem + "/viewers", null, w.friend.username()));
        on("delete", V1 + "/stories/{id}", Scope.PUBLIC, (w, r, a) ->
                call("DELETE", "stories/" + (a ? officialItem(w) : w.officialItem)));
        on("patch", V1 + "/stories/{id}", Scope.PUBLIC, (w, r, a) -> call("PATCH", "stories/" + w.officialItem,
                Map.of("alt", "The square at dusk")));
        on("put", V1 + "/media/{id}/captions", Scope.NONE, (w, r, a) -> call("PUT", "media/" + upload(w, r) + "/captions",
                "WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"));
        on("put", V1 + "/stories/{id}/highlight", Scope.PUBLIC, (w, r, a) -> call("PUT", "stories/" + w.officialItem + "/highlight"));
        on("delete", V1 + "/stories/{id}/highlight", Scope.PUBLIC, (w, r, a) ->
                call("DELETE", "stories/" + (a ? officialItem(w) : w.officialItem) + "/highlight"));

        // Team, insights, community, geofilters (an official account's).
        on("put", V1 + "/accounts/{username}/team/{member}", Scope.PUBLIC, (w, r, a) ->
                call("PUT", "accounts/" + w.official.username() + "/team/" + w.requester.username(), Map.of("role", "manager")));
        on("delete", V1 + "/accounts/{username}/team/{member}", Scope.PUBLIC, (w, r, a) ->
                call("DELETE", "accounts/" + w.official.username() + "/team/" + w.teamMember));
        on("get", V1 + "/accounts/{username}/team", Scope.PUBLIC, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/team", null, w.manager.username()));
        on("get", V1 + "/accounts/{username}/audit", Scope.PUBLIC, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/audit", null, "team.grant"));
        for (var part : List.of("summary", "stories", "daily", "export.csv", "sources")) {
            on("get", V1 + "/accounts/{username}/insights/" + part, Scope.PUBLIC, (w, r, a) ->
                    new Call("GET", "accounts/" + w.official.username() + "/insights/" + part + "?days=7", null, null));
        }
        on("post", V1 + "/accounts/{username}/community/submissions", Scope.PUBLIC, (w, r, a) ->
                call("POST", "accounts/" + w.official.username() + "/community/submissions", Map.of("mediaId", upload(w, r))));
        on("get", V1 + "/accounts/{username}/community/submissions", Scope.PUBLIC, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/community/submissions", null, "SUBMITTED-CAPTION"));
        for (var decision : List.of("approve", "reject")) {
            on("post", V1 + "/accounts/{username}/community/submissions/{id}/" + decision, Scope.PUBLIC, (w, r, a) ->
                    call("POST", "accounts/" + w.official.username() + "/community/submissions/" + submission(w) + "/" + decision));
        }
        on("patch", V1 + "/accounts/{username}/community/submissions/{id}", Scope.PUBLIC,
                EnumSet.of(Role.FRIEND, Role.OWNER, Role.MANAGER), (w, r, a) -> new Call("PATCH",
                        "accounts/" + w.official.username() + "/community/submissions/" + submission(w), Map.of("alt", "A text alternative"), null));
        on("get", V1 + "/accounts/{username}/community", Scope.PUBLIC, (w, r, a) ->
                call("GET", "accounts/" + w.official.username() + "/community"));
        on("post", V1 + "/accounts/{username}/geofilters", Scope.PUBLIC, (w, r, a) ->
                call("POST", "accounts/" + w.official.username() + "/geofilters", geofilterForm(w, r)));
        on("get", V1 + "/accounts/{username}/geofilters", Scope.PUBLIC, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/geofilters", null, w.geofilter));
        on("post", V1 + "/reports", Scope.NONE, (w, r, a) -> call("POST", "reports", Map.of("username", w.personal.username(),
                "reason", "spam")));

        // Push: the key is for anyone; subscriptions prove themselves (anonymous follows); settings are one's own.
        on("get", V1 + "/push/key", Scope.NONE, (w, r, a) -> call("GET", "push/key"));
        for (var m : List.of("put", "delete")) {
            on(m, V1 + "/push/subscriptions", Scope.NONE, (w, r, a) -> call(m.toUpperCase(), "push/subscriptions", Map.of()));
        }
        on("post", V1 + "/push/subscriptions/follows", Scope.NONE, (w, r, a) -> call("POST", "push/subscriptions/follows", Map.of()));
        on("get", V1 + "/push/settings", Scope.NONE, (w, r, a) -> call("GET", "push/settings"));
        on("patch", V1 + "/push/settings", Scope.NONE, (w, r, a) -> call("PATCH", "push/settings", Map.of()));
        on("put", V1 + "/push/stories/{username}", Scope.NONE, (w, r, a) ->
                call("PUT", "push/stories/" + w.official.username(), Map.of("notify", true)));

        // Chat with a personal account.
        on("get", V1 + "/chats", Scope.NONE, (w, r, a) -> call("GET", "chats"));
        on("get", V1 + "/chats/{username}/messages", Scope.FRIENDS_ONLY, (w, r, a) ->
                new Call("GET", "chats/" + w.personal.username() + "/messages", null, "PRIVATE-CHAT-TEXT"));
        on("post", V1 + "/chats/{username}/messages", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("POST", "chats/" + w.personal.username() + "/messages", Map.of("text", "hello")));
        on("post", V1 + "/chats/{username}/read", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("POST", "chats/" + w.personal.username() + "/read"));
        on("put", V1 + "/chats/{username}/messages/{id}/saved", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("PUT", "chats/" + w.personal.username() + "/messages/" + w.message + "/saved"));
        on("delete", V1 + "/chats/{username}/messages/{id}/saved", Scope.FRIENDS_ONLY, (w, r, a) ->
                call("DELETE", "chats/" + w.personal.username() + "/messages/" + w.message + "/saved"));

        // Public pages: an adult's official account (public), and a minor (apart below).
        on("get", "/@{username}", Scope.PAGE, (w, r, a) -> new Call("GET", "/@" + w.official.username(), null, "og:title"));
        // A poster's QR code says what the page's address is: the same for anyone.
        on("get", V1 + "/accounts/{username}/qr", Scope.PAGE, (w, r, a) ->
                new Call("GET", "accounts/" + w.official.username() + "/qr?campaign=matrix", null, "<svg"));
        on("get", "/@{username}/cover.jpg", Scope.PAGE, (w, r, a) -> call("GET", "/@" + w.official.username() + "/cover.jpg"));
    }

    /// Whether `access` admits `role` on a thing of `scope` (`parties`: the ends of the thing).
    static boolean admits(Access access, Scope scope, Set<Role> parties, Role role) {
        var blockedEitherWay = role == Role.BLOCKED || role == Role.BLOCKING;
        return switch (access) {
            case ANYONE -> true;
            case OPERATOR -> false;
            case SELF -> role != Role.ANONYMOUS;
            case AUDIENCE -> switch (scope) {
                case PAGE -> true;
                case PUBLIC, NONE -> !blockedEitherWay;
                case FRIENDS_ONLY -> role == Role.OWNER || role == Role.FRIEND;
                case MINOR -> role != Role.ANONYMOUS && !blockedEitherWay;
            };
            case VIEWER -> role != Role.ANONYMOUS && admits(Access.AUDIENCE, scope, parties, role);
            case CONTACT -> role != Role.ANONYMOUS && !blockedEitherWay;
            case FRIENDS -> role == Role.FRIEND;
            case PARTY -> parties.contains(role);
            case OWNER -> role == Role.OWNER;
            case TEAM -> role == Role.OWNER || role == Role.MANAGER;
            case ADMIN -> role == Role.ADMIN;
            case SIGNED_URL -> false;
        };
    }

    /// A role acting toward its own thing (replying to, befriending or messaging itself) may be
    /// refused for that reason: only "no 5xx" is judged.
    static boolean towardItself(Access access, Role role) {
        return role == Role.OWNER && (access == Access.CONTACT || access == Access.FRIENDS || access == Access.VIEWER);
    }

    @Test
    void everyRouteAnswersEveryRoleAsItsAccessRuleSays() throws Exception {
        declareCases();
        assertThat(cases.keySet()).as("cases of routes that no longer exist")
                .allMatch(key -> app.api().operations().stream().anyMatch(op -> key.equals(op.method().toUpperCase() + " " + op.path())));
        var w = world();
        var failures = new ArrayList<String>();
        var missing = new TreeSet<String>();
        var urls = new LinkedHashMap<String, Role>();
        int tried = 0;
        try (var personalSocket = WsClient.connect(app.port(), w.personal.token(), true);
             var officialSocket = WsClient.connect(app.port(), w.official.token(), true)) {
            for (var op : app.api().operations()) {
                var key = op.method().toUpperCase() + " " + op.path();
                var c = cases.get(key);
                if (c == null) {
                    missing.add(key);
                    continue;
                }
                var access = op.access();
                if (op.path().equals(Api.V1 + "/events")) {
                    tried++;
                    try (var refused = WsClient.connect(app.port(), null, true)) {
                        failures.add(key + " as ANONYMOUS: the WebSocket opened without a session");
                    } catch (RuntimeException expected) {
                        // refused at the upgrade (401)
                    }
                    continue;
                }
                if (access == Access.SIGNED_URL) continue; // the URLs below
                var ownThingsOnly = access == Access.SELF || (access == Access.ANYONE && !op.method().equals("get"));
                var roles = new ArrayList<Role>();
                // Refused roles first: a role admitted may use the thing up.
                for (var role : Role.values()) if (!admits(access, c.scope(), c.parties(), role)) roles.add(role);
                for (var role : Role.values()) if (admits(access, c.scope(), c.parties(), role)) roles.add(role);
                for (var role : roles) {
                    if (ownThingsOnly && role != Role.ANONYMOUS) continue;
                    var admitted = admits(access, c.scope(), c.parties(), role);
                    var call = c.builder().build(w, role, admitted);
                    var user = w.as(role, c.scope());
                    var token = role == Role.ANONYMOUS ? null : w.tokens.getOrDefault(role, user.token());
                    var response = http.send(call.method(), call.path(), token, call.body());
                    w.tokens.remove(Role.FRIEND);
                    tried++;
                    var status = response.status();
                    var where = key + " as " + role + " -> " + status + " " + abbreviate(response.body());
                    if (status >= 500) failures.add(where + " (5xx)");
                    // No answer of any route may be sniffed into another type (an uploaded caption
                    // file read as HTML, a cover image as a script).
                    if (!"nosniff".equals(response.header("X-Content-Type-Options"))) failures.add(where + " (no nosniff)");
                    if (towardItself(access, role)) continue;
                    else if (admitted) {
                        if (status == 401 || status == 403 || status == 404) failures.add(where + " (admitted role refused)");
                        else if (call.secret() != null && status < 300 && !response.body().contains(call.secret())) {
                            failures.add(where + " (admitted role does not see " + call.secret() + ")");
                        }
                        if (status < 300) collectUrls(response, role, urls);
                    } else if (status < 300) {
                        // A refused read may answer 2xx only with none of the thing (an empty list
                        // of what the caller may see); a refused change never succeeds.
                        var changes = !call.method().equals("GET");
                        var shows = call.secret() == null || response.body().contains(call.secret());
                        if (changes || shows || access == Access.OPERATOR) failures.add(where + " (LEAK)");
                    } else if (status != 401 && status != 403 && status != 404) {
                        failures.add(where + " (refused role should get 401/403/404)");
                    }
                }
            }
            tried += minorCases(w, failures);

            // Every media URL handed out serves; once its viewer is blocked, it stops within 1 s.
            for (var url : urls.keySet()) {
                var fetched = http.fetch(url, Map.of());
                if (fetched.status() != 200) failures.add("media URL for " + urls.get(url) + " -> " + fetched.status());
            }
            assertThat(http.post("blocks", w.personal.token(), Map.of("username", w.friend.username())).status()).isEqualTo(204);
            var friendsUrls = urls.entrySet().stream().filter(e -> e.getValue() == Role.FRIEND && isPersonal(w, e.getKey()))
                    .map(Map.Entry::getKey).toList();
            assertThat(friendsUrls).as("the friend was handed media URLs of the personal account").isNotEmpty();
            for (var url : friendsUrls) {
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> http.fetch(url, Map.of()).status() == 404);
            }

            // Owners' sockets: nothing caused by a refused role.
            var refused = List.of(w.blocked.username(), w.blocking.username());
            for (var socket : List.of(personalSocket, officialSocket)) {
                for (var event : socket.drain(Duration.ofMillis(300))) {
                    for (var name : refused) {
                        if (event.toString().contains("\"" + name + "\"")) failures.add("event from a blocked role: " + event);
                    }
                    var type = event.get("type").asText();
                    if ((type.startsWith("snap.") || type.startsWith("chat.")) && !event.toString().contains(w.friend.username())) {
                        failures.add("snap or chat event from someone not a friend: " + event);
                    }
                }
            }
        }
        var routes = app.api().operations().size();
        LoggerFactory.getLogger(AccessMatrixTest.class).info("access matrix routes={} roles={} requests={} urls={}",
                routes, Role.values().length, tried, urls.size());
        assertThat(missing).as("routes without a case in the access matrix").isEmpty();
        assertThat(failures).as("access matrix: %d routes x %d roles, %d requests", routes, Role.values().length, tried).isEmpty();
    }

    /// A minor's profile and page: an unknown name for anonymous callers, a name for signed-in strangers.
    private int minorCases(World w, List<String> failures) {
        var anonymousProfile = http.get("accounts/" + w.minor.username(), null);
        if (anonymousProfile.status() != 404) failures.add("GET minor profile as ANONYMOUS -> " + anonymousProfile.status() + " (LEAK)");
        var page = http.get("/@" + w.minor.username(), null);
        if (page.status() != 404 || page.body().contains("og:")) failures.add("GET /@minor as ANONYMOUS -> " + page.status() + " (LEAK)");
        var stranger = http.get("accounts/" + w.minor.username(), w.stranger.token());
        if (stranger.status() != 200 || stranger.body().contains("MINOR-BIO")) {
            failures.add("GET minor profile as STRANGER -> " + stranger.status() + " " + stranger.body() + " (LEAK)");
        }
        // Searches on part of a name never find a minor; the exact username does.
        var prefix = w.minor.username().substring(0, w.minor.username().length() - 2);
        var byPrefix = http.get("friends/search?q=" + prefix, w.stranger.token());
        if (byPrefix.status() != 200 || byPrefix.body().contains(w.minor.username())) {
            failures.add("friend search by prefix as STRANGER found the minor: " + byPrefix.body() + " (LEAK)");
        }
        var exact = http.get("friends/search?q=" + w.minor.username(), w.stranger.token());
        if (exact.status() != 200 || !exact.body().contains(w.minor.username())) {
            failures.add("friend search by exact username as STRANGER did not find the minor: " + exact.body());
        }
        return 5;
    }

    private static void collectUrls(Http.Response response, Role role, Map<String, Role> urls) {
        if (response.contentType() == null || !response.contentType().startsWith("application/json")) return;
        var json = response.json();
        for (var field : List.of("mediaUrl", "thumbnailUrl", "overlayUrl")) {
            for (JsonNode value : json.findValues(field)) if (value.isTextual()) urls.putIfAbsent(value.asText(), role);
        }
    }

    private static boolean isPersonal(World w, String url) {
        var mediaId = url.split("/")[2];
        return count("SELECT COUNT(*) FROM story_item WHERE media_id = ? AND account_id = ?", mediaId, w.personal.id())
                + count("SELECT COUNT(*) FROM snap WHERE media_id = ? AND sender_id = ?", mediaId, w.personal.id()) > 0;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 160 ? body.substring(0, 160) + "..." : body;
    }

    // ---- the world every role acts in

    private World world() throws Exception {
        var w = new World();
        w.personal = person("mxowner");
        w.official = official("mxcity", "city", "Cahors");
        w.friend = person("mxfriend");
        w.stranger = person("mxstranger");
        w.blocked = person("mxblocked");
        w.blocking = person("mxblocking");
        w.manager = person("mxmanager");
        w.formerManager = person("mxformer");
        w.minor = personAged("mxminor", 15);
        w.admin = person("mxadmin");
        w.requester = person("mxrequester");
        makeAdmin(w.admin);
        http.patch("me", w.minor.token(), Map.of("bio", "MINOR-BIO"));
        befriend(w.personal, w.friend);
        http.put("subscriptions/" + w.official.username(), w.friend.token());
        for (var owner : List.of(w.personal, w.official)) {
            assertThat(http.post("blocks", owner.token(), Map.of("username", w.blocked.username())).status()).isEqualTo(204);
            assertThat(http.post("blocks", w.blocking.token(), Map.of("username", owner.username())).status()).isEqualTo(204);
        }
        var team = "accounts/" + w.official.username() + "/team/";
        assertThat(http.send("PUT", team + w.manager.username(), w.official.token(), Map.of("role", "manager")).status()).isEqualTo(204);
        http.send("PUT", team + w.formerManager.username(), w.official.token(), Map.of("role", "manager"));
        assertThat(http.delete(team + w.formerManager.username(), w.official.token()).status()).isEqualTo(204);
        var member = person("mxmember");
        http.send("PUT", team + member.username(), w.official.token(), Map.of("role", "manager"));
        w.teamMember = member.username();

        w.personalItem = http.post("stories", w.personal.token(), Map.of("mediaId", uploadPhoto(w.personal),
                "caption", FRIENDS_CAPTION)).json().get("id").asText();
        assertThat(http.post("stories/" + w.personalItem + "/views", w.friend.token(), Map.of("watchedMs", 800, "completed", true))
                .status()).isEqualTo(204);
        w.officialItem = officialItem(w);
        assertThat(http.put("stories/" + officialItem(w) + "/highlight", w.official.token()).status()).isEqualTo(204);
        submission(w);
        w.geofilter = geofilter(w);

        w.unopenedSnap = snap(w);
        w.openedSnap = snap(w);
        assertThat(http.post("snaps/" + w.openedSnap + "/open", w.friend.token(), null).status()).isEqualTo(200);
        var sent = http.post("chats/" + w.friend.username() + "/messages", w.personal.token(), Map.of("text", "PRIVATE-CHAT-TEXT"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        w.message = sent.json().get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.get("stories/" + w.personalItem + "/viewers", w.personal.token()).json().size() == 1);
        return w;
    }

    private static String snap(World w) {
        var sent = http.post("snaps", w.personal.token(), Map.of("mediaId", uploadPhoto(w.personal),
                "to", List.of(w.friend.username()), "viewSeconds", 5));
        assertThat(sent.status()).isEqualTo(201);
        return sent.json().get("id").asText();
    }

    private static String officialItem(World w) {
        var posted = http.post("stories", w.official.token(), Map.of("mediaId", uploadPhoto(w.official), "caption", PUBLIC_CAPTION));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    private static String submission(World w) {
        var submitted = http.post("accounts/" + w.official.username() + "/community/submissions", w.friend.token(),
                Map.of("mediaId", uploadPhoto(w.friend), "caption", "SUBMITTED-CAPTION"));
        assertThat(submitted.status()).isEqualTo(201);
        return submitted.json().get("id").asText();
    }

    private final Map<String, String> requests = new HashMap<>();

    /// A pending friend request from `from` to `to`; a fresh one for an admitted role (it uses it up).
    private String request(User from, User to, boolean fresh) {
        var key = from.username() + ">" + to.username();
        if (fresh || !requests.containsKey(key)) {
            http.delete("friends/" + to.username(), from.token());
            var made = http.post("friends/requests", from.token(), Map.of("username", to.username()));
            if (made.status() == 409) { // already pending: find it
                var outgoing = http.get("friends/requests", from.token()).json().get("outgoing");
                for (var r : outgoing) if (r.toString().contains(to.username())) requests.put(key, r.get("id").asText());
            } else {
                assertThat(made.status()).as(made.toString()).isEqualTo(201);
                requests.put(key, made.json().get("id").asText());
            }
        }
        return requests.get(key);
    }

    private static User freshFriendOf(User owner) {
        var fresh = person("mxfreshfriend");
        befriend(owner, fresh);
        return fresh;
    }

    private static String upload(World w, Role role) {
        var user = w.as(role, Scope.PUBLIC);
        return user == null ? "01kt1a0f809q150rvgr6v2pdjd" : uploadPhoto(user);
    }

    private static Map<String, Object> geofilterForm(World w, Role role) throws Exception {
        var user = w.as(role, Scope.PUBLIC);
        String media = "01kt1a0f809q150rvgr6v2pdjd";
        if (user != null) {
            var png = http.upload(user.token(), TestMedia.transparentPng(100, 100), "image/png");
            media = png.json().get("id").asText();
        }
        double lat = 43.6, lon = 1.44, half = 0.01;
        var ring = List.of(List.of(lon - half, lat - half), List.of(lon + half, lat - half), List.of(lon + half, lat + half),
                List.of(lon - half, lat + half), List.of(lon - half, lat - half));
        var starts = clock.instant().minusSeconds(60);
        return Map.of("mediaId", media, "name", "Matrix", "area", Map.of("type", "Polygon", "coordinates", List.of(ring)),
                "startsAt", starts.toString(), "endsAt", starts.plus(Duration.ofDays(1)).toString());
    }

    /// A fresh open report of the personal account, filed by the stranger; its id.
    private static String report(World w, String reason) {
        var filed = http.post("reports", w.stranger.token(), Map.of("username", w.personal.username(), "reason", reason));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        return filed.json().get("id").asText();
    }

    private static String geofilter(World w) throws Exception {
        var created = http.post("accounts/" + w.official.username() + "/geofilters", w.official.token(), geofilterForm(w, Role.OWNER));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        return created.json().get("id").asText();
    }
}
