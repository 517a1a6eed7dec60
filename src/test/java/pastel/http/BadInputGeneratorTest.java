package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import pastel.support.Http;
import pastel.support.ServerTest;

/// Bad input for every operation of the OpenAPI document, generated from the document itself (so
/// a new route is covered without writing anything): wrong JSON types, nulls, huge and deep values,
/// NUL and lone surrogates, invalid UTF-8, wrong and lying Content-Types, broken multipart,
/// garbled Authorization, odd path parameters, odd Range headers, duplicate and ill-typed query
/// parameters, HEAD/OPTIONS/unknown methods. Every answer must keep the document's contract
/// ([pastel.support.Contract]: documented status, problem+json with a listed `type`, `errors` on
/// every 400), none may be 5xx, and the server must log no stack trace. Bounded in time; the long
/// run is `bench/bad-input.sh`.
class BadInputGeneratorTest extends ServerTest {
    /// The time the generator may take per database, beyond its setup.
    private static final long BUDGET_MILLIS = Long.getLong("pastel.generator.millis", 80_000);
    private static final String[] ODD_SEGMENTS = {"%00", "%ff", "..%2F..%2Fetc%2Fpasswd", "%C0%AE%C0%AE", "z".repeat(10_000),
            "%F0%9F%8E%A8", "a%00b", "%2e%2e", "-1", "1e999"};
    private static final String[] ODD_QUERY_VALUES = {"%00", "%ff", "abc", "-1", "99999999999999999999", "",
            "x".repeat(5000), "NaN"};
    private static final String[] ODD_AUTH = {"Bearer", "Basic dXNlcjpwYXNz", "Bearer " + "t".repeat(6000), "Bearer a b c"};
    private static final String[] ODD_RANGES = {"bytes=99999999999999999999-", "bytes=-99999999999999999999",
            "bytes=0-0,0-0,0-0", "bytes=5-2", "bytes=abc", "bytes=-0", "pages=1-2", "bytes=0-"};
    private static final String[] ODD_METHODS = {"HEAD", "OPTIONS", "FOO", "PROPFIND", "TRACE"};

    /// Rounds over every operation (each round's random parts differ); the bench raises it.
    private static final int ROUNDS = Integer.getInteger("pastel.generator.rounds", 1);
    /// zzuf-mutated photo and video uploads per database; 0 in the test run (bench/bad-input.sh sets it).
    private static final int MUTATED_UPLOADS = Integer.getInteger("pastel.generator.uploads", 0);

    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final Map<Integer, Integer> uploadStatuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private int requests;
    private long deadline;

    @Test
    void everyOperationAnswersBadInputWithAProblemAndNeverA5xx() throws IOException {
        var root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logged = new ListAppender<ILoggingEvent>();
        logged.start();
        root.addAppender(logged);
        try {
            for (int round = 0; round < ROUNDS; round++) run(round);
            if (MUTATED_UPLOADS > 0) mutatedUploads();
        } finally {
            root.detachAppender(logged);
        }
        System.out.println("bad-input generator on " + databaseKind + ": " + requests + " requests, statuses " + statuses
                + (MUTATED_UPLOADS > 0 ? "; " + MUTATED_UPLOADS + " zzuf-mutated uploads, statuses " + uploadStatuses : ""));
        var traces = logged.list.stream().filter(e -> e.getThrowableProxy() != null || e.getLevel().toInt() >= 40000)
                .map(e -> e.getLevel() + " " + e.getFormattedMessage()
                        + (e.getThrowableProxy() != null ? " " + e.getThrowableProxy().getClassName() : "")).toList();
        assertThat(failures).as("answers that break the contract").isEmpty();
        assertThat(traces).as("stack traces and errors in the server log").isEmpty();
        assertThat(statuses.keySet()).as("no 5xx").allMatch(status -> status < 500);
        assertThat(uploadStatuses.keySet()).as("no 5xx on mutated uploads").allMatch(status -> status < 500);
        assertThat(requests).isGreaterThan(1000);
    }

    private void run(int round) throws IOException {
        // The generator's failed sign-ins count against the client address like anyone's: each
        // round starts after the sign-in window, so its own sign-ins are not refused.
        clock.advance(java.time.Duration.ofMinutes(2));
        var document = pastel.http.Json.MAPPER.readTree(http.get("/api/openapi.json", null).body());
        var me = person("gen");
        var other = person("gen_other");
        var city = official("gen_city", "city", "Albi");
        var mediaId = uploadPhoto(me);
        var random = new Random(11 + round);
        deadline = System.currentTimeMillis() + BUDGET_MILLIS;

        var operations = new ArrayList<String[]>();
        document.get("paths").properties().forEach(p -> p.getValue().properties()
                .forEach(op -> operations.add(new String[] {op.getKey().toUpperCase(), p.getKey()})));
        for (var entry : operations) {
            if (System.currentTimeMillis() > deadline) {
                failures.add("the time budget ran out before " + entry[0] + " " + entry[1]);
                break;
            }
            var method = entry[0];
            var template = entry[1];
            var op = document.get("paths").get(template).get(method.toLowerCase());
            // Routes that end the caller's session or account get a throw-away caller.
            var throwaway = template.equals("/api/v1/sessions/current") || (template.equals("/api/v1/me") && method.equals("DELETE"));
            if (throwaway) clock.advance(java.time.Duration.ofMinutes(2));
            var caller = throwaway ? person("gen_throwaway").token() : me.token();
            var path = fill(template, other.username(), city.username());
            var body = validBody(document, op, mediaId, other.username());

            // Odd path parameters, one at a time.
            if (template.contains("{")) {
                for (var odd : ODD_SEGMENTS) send(method, template.replaceFirst("\\{[^}]+}", odd)
                        .replaceAll("\\{[^}]+}", other.username()), caller, body, Map.of());
            }
            // Query parameters: ill-typed, odd, duplicated.
            for (var parameter : parameters(op)) {
                for (var value : ODD_QUERY_VALUES) send(method, path + "?" + parameter + "=" + value, caller, body, Map.of());
                send(method, path + "?" + parameter + "=1&" + parameter + "=2&" + parameter + "=%00", caller, body, Map.of());
            }
            // Bodies: each property null, of every wrong type, huge, deep, NUL, a lone surrogate.
            if (body instanceof ObjectNode object) {
                var names = new ArrayList<String>();
                object.fieldNames().forEachRemaining(names::add);
                for (var field : names) {
                    for (var bad : badValues()) {
                        var mutated = object.deepCopy();
                        mutated.set(field, bad);
                        send(method, path, caller, mutated.toString(), Map.of());
                    }
                    var surrogate = object.toString().replace("\"" + field + "\":", "\"" + field + "\":\"\\ud800\",\"_\":");
                    send(method, path, caller, surrogate, Map.of());
                }
                send(method, path, caller, object.toString(), Map.of());
            }
            for (var whole : new Object[] {"", "{", "[]", "null", "42", "\"x\"", "{\"a\":" + "[".repeat(5000),
                    "{}", new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'},
                    new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}, randomBytes(random, 2048)}) {
                send(method, path, caller, whole, Map.of());
            }
            // Lying and broken Content-Types.
            var text = body == null ? "{}" : body.toString();
            for (var type : new String[] {"text/plain", "multipart/form-data", "multipart/form-data; boundary=zz",
                    "application/json; charset=latin1", ""}) {
                send(method, path, caller, text, type.isEmpty() ? Map.of() : Map.of("Content-Type", type));
            }
            send(method, path, caller, "--zz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\u00ff\u0000",
                    Map.of("Content-Type", "multipart/form-data; boundary=zz"));
            // Garbled Authorization, and none.
            for (var auth : ODD_AUTH) send(method, path, null, body == null ? null : text, Map.of("Authorization", auth));
            send(method, path, null, body == null ? null : text, Map.of());
            // Range headers where there is something to read, and other methods on the path.
            if (method.equals("GET")) {
                for (var range : ODD_RANGES) send(method, path, caller, null, Map.of("Range", range));
                for (var other2 : ODD_METHODS) send(other2, path, caller, null, Map.of());
            }
        }
        // Below what java.net.http lets through: NUL and control bytes in the request line and headers.
        for (var raw : new String[] {
                "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000abc\r\n\r\n",
                "GET /api/v1/accounts/\u0001\u0002 HTTP/1.1\r\nHost: x\r\n\r\n",
                "DELETE /api/v1/friends/%ff HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde",
                "PATCH /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n",
                "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
                "POST /api/v1/accounts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
                "GET /api/v1/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
                "BREW /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n"}) {
            sendRaw(raw);
        }
    }

    /// Photos and videos made with ffmpeg, mutated by zzuf (a different seed each time), uploaded
    /// raw and as multipart: each must be stored (201) or refused with a problem (4xx).
    private void mutatedUploads() throws IOException {
        clock.advance(java.time.Duration.ofMinutes(2));
        var dir = java.nio.file.Files.createTempDirectory("pastel-zzuf-");
        var uploader = person("zzuf");
        var sources = new ArrayList<byte[]>();
        for (var spec : new String[][] {
                {"photo.jpg", "-f", "lavfi", "-i", "testsrc2=size=160x120", "-frames:v", "1"},
                {"photo.png", "-f", "lavfi", "-i", "testsrc2=size=96x64", "-frames:v", "1"},
                {"photo.webp", "-f", "lavfi", "-i", "testsrc2=size=96x64", "-frames:v", "1"},
                {"clip.mp4", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=10", "-f", "lavfi", "-i", "sine=frequency=440",
                        "-t", "1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest"},
                {"clip.webm", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=10", "-t", "1", "-c:v", "libvpx"},
                {"clip.mov", "-f", "lavfi", "-i", "testsrc2=size=96x64:rate=10", "-t", "1", "-c:v", "libx264",
                        "-pix_fmt", "yuv420p"}}) {
            var out = dir.resolve(spec[0]);
            var command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
            command.addAll(List.of(spec).subList(1, spec.length));
            command.add(out.toString());
            pastel.support.TestMedia.run(command.toArray(String[]::new));
            sources.add(java.nio.file.Files.readAllBytes(out));
        }
        for (int i = 0; i < MUTATED_UPLOADS; i++) {
            var source = dir.resolve("source");
            java.nio.file.Files.write(source, sources.get(i % sources.size()));
            var mutated = dir.resolve("mutated");
            var process = new ProcessBuilder("zzuf", "-s", Integer.toString(i), "-r", "0.001:0.02")
                    .redirectInput(source.toFile()).redirectOutput(mutated.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            var bytes = java.nio.file.Files.readAllBytes(mutated);
            Http.Response response;
            try {
                if (i % 4 == 3) {
                    var multipart = new ByteArrayOutputStream();
                    multipart.write(("--zz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m\"\r\n"
                            + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    multipart.write(bytes);
                    multipart.write("\r\n--zz--\r\n".getBytes(StandardCharsets.US_ASCII));
                    response = http.send("POST", "media", uploader.token(), multipart.toByteArray(),
                            Map.of("Content-Type", "multipart/form-data; boundary=zz"));
                } else {
                    response = http.upload(uploader.token(), bytes, "application/octet-stream");
                }
            } catch (AssertionError e) {
                failures.add("mutated upload " + i + ": " + cut(e.getMessage()));
                continue;
            }
            uploadStatuses.merge(response.status(), 1, Integer::sum);
        }
        try (var paths = java.nio.file.Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static String fill(String template, String username, String city) {
        return template.replace("{username}", city).replace("{member}", username)
                .replace("{variant}", "full").replaceAll("\\{[^}]+}", "01kt1a0f809q150rvgr6v2pdjd");
    }

    private static List<String> parameters(JsonNode op) {
        var out = new ArrayList<String>();
        if (op.has("parameters")) op.get("parameters").forEach(p -> {
            if (p.get("in").asText().equals("query")) out.add(p.get("name").asText());
        });
        return out;
    }

    /// A plausible body from the operation's JSON schema: the base every mutation starts from.
    private static JsonNode validBody(JsonNode document, JsonNode op, String mediaId, String username) {
        var schema = op.at("/requestBody/content/application~1json/schema");
        if (schema.isMissingNode()) return null;
        if (schema.has("$ref")) schema = document.at(schema.get("$ref").asText().substring(1));
        var body = pastel.http.Json.MAPPER.createObjectNode();
        schema.path("properties").properties().forEach(p -> {
            var name = p.getKey();
            var type = p.getValue().path("type");
            var first = type.isArray() ? type.get(0).asText() : type.asText();
            switch (first) {
                case "integer" -> body.put(name, 1);
                case "number" -> body.put(name, 1.5);
                case "boolean" -> body.put(name, true);
                case "array" -> body.putArray(name).add(username);
                case "object" -> body.putObject(name);
                default -> body.put(name, name.endsWith("Id") ? mediaId : name.contains("name") ? username : "x");
            }
        });
        return body;
    }

    private static List<JsonNode> badValues() {
        var f = pastel.http.Json.MAPPER.getNodeFactory();
        var deep = pastel.http.Json.MAPPER.createArrayNode();
        var cursor = deep;
        for (int i = 0; i < 100; i++) cursor = cursor.addArray();
        return List.of(f.nullNode(), f.numberNode(-1.5e308), f.booleanNode(true), f.textNode(""),
                f.textNode("x".repeat(20_000)), f.textNode("a\u0000b"), f.arrayNode().add(1).add("two"),
                pastel.http.Json.MAPPER.createObjectNode().put("k", "v"), deep,
                f.numberNode(new java.math.BigInteger("9".repeat(400))));
    }

    private static byte[] randomBytes(Random random, int size) {
        var bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private void send(String method, String path, String token, Object body, Map<String, String> headers) {
        Http.Response response;
        try {
            response = http.send(method, path, token, body, new LinkedHashMap<>(headers));
        } catch (AssertionError e) {
            requests++;
            failures.add(method + " " + cut(path) + ": " + cut(e.getMessage()));
            return;
        }
        requests++;
        statuses.merge(response.status(), 1, Integer::sum);
    }

    private void sendRaw(String request) {
        try (var socket = new Socket("127.0.0.1", app.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            var answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
            requests++;
            var status = Integer.parseInt(answer.substring(9, 12));
            statuses.merge(status, 1, Integer::sum);
            if (status >= 400 && !answer.toLowerCase().contains("content-type: application/problem+json")) {
                failures.add("raw " + cut(request) + ": " + status + " without a problem document");
            }
        } catch (IOException | RuntimeException e) {
            failures.add("raw " + cut(request) + ": " + e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        var out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static String cut(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
