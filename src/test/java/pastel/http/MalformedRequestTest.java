package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import pastel.support.Http;
import pastel.support.ServerTest;

/// Throws malformed requests at every route the server registers: each must get a clear 4xx
/// problem document, never a 500.
class MalformedRequestTest extends ServerTest {

    private static final List<Object> BAD_BODIES = List.of(
            "{bad json", "[]", "\"just a string\"", "42", "null", "{\"a\":", "{}",
            "{\"username\": [1, 2], \"password\": {\"x\": 1}, \"displayName\": true, \"birthDate\": 20000101}",
            "{\"username\": \"" + "u".repeat(5000) + "\", \"text\": \"" + "t".repeat(60_000) + "\"}",
            "{\"kind\": \"robot\", \"category\": \"castle\", \"birthDate\": \"2000-13-45\"}",
            "{\"username\": null, \"password\": null}",
            "{\"nested\": " + "[".repeat(2000) + "]".repeat(2000) + "}",
            new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

    private static String fill(String path, String username) {
        return path.replace("{username}", username).replace("{id}", "01kt1a0f809q150rvgr6v2pdjd")
                .replace("{member}", username).replaceAll("\\{[^}]+}", username);
    }

    @Test
    void everyRouteAnswersMalformedInputWithAProblemAndNever500() {
        var target = person("target");
        var failures = new ArrayList<String>();
        for (var op : app.api().operations()) {
            var method = op.method().toUpperCase();
            var path = fill(op.path(), target.username());
            var caller = person("caller");
            var attempts = new ArrayList<Object>(BAD_BODIES);
            for (var body : attempts) {
                check(failures, method, path, caller.token(), body);
                check(failures, method, path, null, body);
                check(failures, method, path, "bogus-token", body);
            }
            // Path parameters that are far too long or full of odd characters.
            check(failures, method, fill(op.path(), "%00%ff" + "z".repeat(300)), caller.token(), "{}");
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void aTenMegabyteJsonBodyIsRefusedWith413() {
        var user = person("big");
        var huge = "{\"username\":\"" + "a".repeat(10 * 1024 * 1024) + "\"}";
        var response = http.post("accounts", null, huge);
        assertProblem(response, 413);
        assertProblem(http.post("friends/requests", user.token(), huge), 413);
    }

    @Test
    void unknownRoutesAndMethodsAreProblemsToo() {
        assertProblem(http.get("no/such/thing", null), 404);
        var wrongMethod = http.send("PUT", "/api/v1/accounts", null, "{}");
        assertThat(wrongMethod.status()).isIn(404, 405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
    }

    private static void check(List<String> failures, String method, String path, String token, Object body) {
        Http.Response response;
        try {
            response = http.send(method, path, token, body);
        } catch (AssertionError e) {
            failures.add(method + " " + path + " -> no answer: " + e.getMessage());
            return;
        }
        var shown = body instanceof String s && s.length() > 60 ? s.substring(0, 60) + "..." : String.valueOf(body);
        if (response.status() >= 500) {
            failures.add(method + " " + path + " body=" + shown + " -> " + response.status() + " " + response.body());
        } else if (response.status() >= 400 && !response.contentType().startsWith("application/problem+json")) {
            failures.add(method + " " + path + " body=" + shown + " -> " + response.status() + " without problem+json");
        }
    }

}
