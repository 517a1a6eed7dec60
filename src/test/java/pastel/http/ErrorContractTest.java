package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.Http;
import pastel.support.ServerTest;

/// The reproductions of issue 11: each kind of bad input that once gave a 500 (or a broken
/// answer) now gets the right status and a problem document, on both databases.
class ErrorContractTest extends ServerTest {

    private static String publicMediaUrl(User city) {
        var posted = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city)));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var items = http.get("accounts/" + city.username() + "/stories", null);
        return items.json().get(0).get("mediaUrl").asText();
    }

    @Test
    void rangesThatOverflowOrSelectNothingAre416AndBadSyntaxIsIgnored() {
        var url = publicMediaUrl(official("ranges", "city", "Albi"));
        var whole = http.fetchBytes(url);
        var size = whole.body().length;

        // Numbers past a long are just large: the range runs to the end of the file.
        var overflowEnd = http.fetch(url, Map.of("Range", "bytes=0-99999999999999999999"));
        assertThat(overflowEnd.status()).isEqualTo(206);
        assertThat(overflowEnd.header("Content-Range")).isEqualTo("bytes 0-" + (size - 1) + "/" + size);
        var overflowSuffix = http.fetch(url, Map.of("Range", "bytes=-99999999999999999999"));
        assertThat(overflowSuffix.status()).isEqualTo(206);

        for (var unsatisfiable : new String[] {"bytes=99999999999999999999-", "bytes=" + size + "-", "bytes=-0",
                "bytes=99999999999999999999-99999999999999999999"}) {
            var response = http.fetch(url, Map.of("Range", unsatisfiable));
            assertProblem(response, 416);
            assertThat(response.header("Content-Range")).as(unsatisfiable).isEqualTo("bytes */" + size);
            assertThat(response.json().get("type").asText()).endsWith("/problems/range-not-satisfiable");
        }
        for (var ignored : new String[] {"bytes=abc", "bytes=5-3", "bytes=0-1,4-5", "items=0-4", "bytes=", "bytes=--1"}) {
            var response = http.fetch(url, Map.of("Range", ignored));
            assertThat(response.status()).as(ignored).isEqualTo(200);
            assertThat(response.header("Content-Range")).as(ignored).isNull();
        }
    }

    @Test
    void nulAndLoneSurrogatesInAnyTextAre400OnBothDatabases() {
        var ana = person("nul_ana");
        var ben = person("nul_ben");
        befriend(ana, ben);
        var media = uploadPhoto(ana);
        // JSON strings: a caption, a chat message, a username, an id.
        for (var attempt : new Object[][] {
                {"snaps", Map.of("mediaId", media, "to", new String[] {ben.username()}, "viewSeconds", 3,
                        "caption", "hi\u0000there"), "caption"},
                {"chats/" + ben.username() + "/messages", Map.of("text", "a\u0000b"), "text"},
                {"friends/requests", Map.of("username", "x\u0000"), "username"},
                {"reports", Map.of("storyId", "01kt1a0f809q150rvgr6v2p\u0000jd", "reason", "spam"), "storyId"},
                {"stories", Map.of("mediaId", media, "caption", "\ud800 lone"), "caption"}}) {
            var response = http.post((String) attempt[0], ana.token(), attempt[1]);
            assertProblem(response, 400);
            var error = response.json().get("errors").get(0);
            assertThat(error.get("field").asText()).isEqualTo(attempt[2]);
            assertThat(error.get("code").asText()).isEqualTo("invalid-characters");
        }
        // Escaped in raw JSON, in a key, and in a query or a path, without a session.
        assertProblem(http.post("accounts", null, "{\"username\":\"a\\u0000b\",\"password\":\"x\"}"), 400);
        assertProblem(http.post("sessions", null, "{\"user\\u0000name\":\"a\"}"), 400);
        var discover = http.get("discover?q=%00", null);
        assertProblem(discover, 400);
        assertThat(discover.json().get("errors").get(0).get("field").asText()).isEqualTo("q");
        assertProblem(http.get("accounts/ab%00cd", null), 400);
        assertProblem(http.get("geofilters?lat=%00&lon=1", ana.token()), 400);
        assertProblem(http.delete("friends/%00", ana.token()), 400);
    }

    @Test
    void overLongIdsAndIdsOfNothingAreRefusedAndNoReportIsStored() {
        var ana = person("ids_ana");
        var before = count("SELECT COUNT(*) FROM report");
        assertProblem(http.post("reports", ana.token(), Map.of("storyId", "a".repeat(40), "reason", "spam")), 404);
        assertProblem(http.post("reports", ana.token(), Map.of("snapId", "b".repeat(10_000), "reason", "spam")), 404);
        assertProblem(http.post("reports", ana.token(), Map.of("storyId", "01kt1a0f809q150rvgr6v2pdjd", "reason", "spam")), 404);
        assertProblem(http.post("reports", ana.token(), Map.of("snapId", "01kt1a0f809q150rvgr6v2pdjd", "reason", "spam")), 404);
        // Someone else's snap is not the reporter's to see: 404 as well.
        var ben = person("ids_ben");
        var cat = person("ids_cat");
        befriend(ben, cat);
        var sent = http.post("snaps", ben.token(), Map.of("mediaId", uploadPhoto(ben), "to", new String[] {cat.username()},
                "viewSeconds", 3));
        var snapId = sent.json().get("id").asText();
        assertProblem(http.post("reports", ana.token(), Map.of("snapId", snapId, "reason", "spam")), 404);
        assertThat(count("SELECT COUNT(*) FROM report")).isEqualTo(before);

        assertThat(http.post("reports", cat.token(), Map.of("snapId", snapId, "reason", "spam")).status()).isEqualTo(201);
        var city = official("ids_city", "city", "Albi");
        http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city)));
        var storyId = http.get("accounts/" + city.username() + "/stories", null).json().get(0).get("id").asText();
        assertThat(http.post("reports", ana.token(), Map.of("storyId", storyId, "reason", "spam")).status()).isEqualTo(201);
        assertProblem(http.get("accounts/" + "x".repeat(10_000), null), 414);
    }

    @Test
    void brokenMultipartIs400AndOverTheLimitIs413() throws Exception {
        var ana = person("multi");
        var noBoundary = http.send("POST", "media", ana.token(), "x", Map.of("Content-Type", "multipart/form-data"));
        assertProblem(noBoundary, 400);
        assertThat(noBoundary.json().get("errors").get(0).get("code").asText()).isEqualTo("malformed-multipart");
        var truncated = http.send("POST", "media", ana.token(),
                "--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc",
                Map.of("Content-Type", "multipart/form-data; boundary=zz"));
        assertProblem(truncated, 400);
        var garbage = http.send("POST", "media", ana.token(), "not multipart at all",
                Map.of("Content-Type", "multipart/form-data; boundary=zz"));
        assertProblem(garbage, 400);
        var noFile = http.send("POST", "media", ana.token(),
                "--zz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nabc\r\n--zz--\r\n",
                Map.of("Content-Type", "multipart/form-data; boundary=zz"));
        assertProblem(noFile, 400);
        assertThat(noFile.json().get("errors").get(0).get("field").asText()).isEqualTo("file");

        // A file part over 100 MB, streamed without a length (chunked) so the parser meets the limit.
        var head = "--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mp4\"\r\n"
                + "Content-Type: video/mp4\r\n\r\n";
        long fileBytes = 101L * 1024 * 1024;
        var body = HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                new java.io.ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)),
                new SequenceInputStream(new ZeroStream(fileBytes),
                        new java.io.ByteArrayInputStream("\r\n--zz--\r\n".getBytes(StandardCharsets.US_ASCII)))));
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/v1/media"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + ana.token())
                .header("Content-Type", "multipart/form-data; boundary=zz")
                .POST(body).build();
        var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(count("SELECT COUNT(*) FROM media WHERE owner_id = ?", ana.id())).isZero();
    }

    @Test
    void errorsOfTheLayerBelowAreProblemsOnEveryMethod() {
        var ana = person("jetty");
        for (var method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH"}) {
            var badUri = http.send(method, "/api/v1/friends/%ff", ana.token(), null);
            assertProblem(badUri, 400);
            assertThat(badUri.json().get("errors")).as(method).isNotEmpty();
            var bigHeader = http.send(method, "/api/v1/me", ana.token(), null, Map.of("X-Big", "a".repeat(40_000)));
            assertProblem(bigHeader, 431);
        }
        for (var method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            var response = http.send(method, "/api/v1/events", ana.token(), null);
            assertProblem(response, 405);
            assertThat(response.json().get("type").asText()).endsWith("/problems/method-not-allowed");
        }
        var unknown = http.send("BREW", "/api/v1/events", ana.token(), null);
        assertProblem(unknown, 405);
        assertThat(unknown.header("Allow")).isEqualTo("GET, HEAD");
        assertProblem(http.send("BREW", "/api/v1/me", ana.token(), null), 405);
    }

    @Test
    void aRefusedBodyIsReadSoAClientThatWritesFirstGetsTheAnswer() throws IOException {
        // A client that writes the whole body before it reads, as Python's urllib does: over the
        // JSON limit (413), an upload that is not media (415), an upload without a session (401).
        var body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) 'a');
        body[0] = '{';
        var token = person("linger").token();
        for (var attempt : new String[][] {{"/api/v1/accounts", null, "413"}, {"/api/v1/media", token, "415"},
                {"/api/v1/media", null, "401"}}) {
            try (var socket = new Socket("127.0.0.1", app.port())) {
                socket.setSoTimeout(60_000);
                var out = socket.getOutputStream();
                out.write(("POST " + attempt[0] + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + (attempt[1] == null ? "" : "Authorization: Bearer " + attempt[1] + "\r\n")
                        + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                var answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
                assertThat(answer).as(attempt[0]).startsWith("HTTP/1.1 " + attempt[2]);
                assertThat(answer).contains("application/problem+json").contains("\"status\":" + attempt[2]);
            }
        }
    }

    @Test
    void every400ListsItsErrorsWithCodesAndEveryProblemHasAStableType() {
        var ana = person("codes");
        for (var response : new Http.Response[] {
                http.post("accounts", null, "{bad json"),
                http.post("accounts", null, "[]"),
                http.post("accounts", null, ""),
                http.post("accounts", null, Map.of("username", "A!", "password", "short", "birthDate", "2999-01-01")),
                http.post("friends/requests", ana.token(), Map.of("username", 12)),
                http.get("insights/nothing", ana.token()),
                http.get("discover?limit=0", null)}) {
            assertThat(response.status()).as(response.toString()).isBetween(400, 404);
            assertThat(response.json().get("type").asText()).startsWith("https://pastel.app/problems/");
            if (response.status() == 400) {
                assertThat(response.json().get("errors")).as(response.toString()).isNotEmpty();
                response.json().get("errors").forEach(e -> assertThat(e.get("code").asText()).isNotBlank());
            }
        }
        var signUp = http.post("accounts", null, Map.of("username", "A!", "password", "short", "birthDate", "2999-01-01",
                "displayName", "x"));
        var codes = new java.util.HashMap<String, String>();
        signUp.json().get("errors").forEach(e -> codes.put(e.get("field").asText(), e.get("code").asText()));
        assertThat(codes).containsEntry("username", "username-format").containsEntry("password", "too-short")
                .containsEntry("birthDate", "in-future");
        var taken = http.post("accounts", null, Map.of("username", ana.username(), "password", PASSWORD,
                "displayName", "x", "birthDate", "2000-01-01"));
        assertProblem(taken, 409);
        assertThat(taken.json().get("type").asText()).isEqualTo("https://pastel.app/problems/username-taken");
        var wrong = http.post("sessions", null, Map.of("username", ana.username(), "password", "not the password"));
        assertThat(wrong.json().get("type").asText()).isEqualTo("https://pastel.app/problems/bad-credentials");
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /// `size` zero bytes, without holding them in memory.
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            left = size;
        }

        @Override
        public int read() {
            if (left <= 0) return -1;
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) return -1;
            var n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
