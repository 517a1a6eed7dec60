package pastel.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import pastel.http.Json;

/// A small HTTP client speaking to the real server, as an outside client would.
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;
    private Contract contract;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /// The server's own OpenAPI document, read once: every answer this client receives is checked
    /// against it ([Contract]).
    public synchronized Contract contract() {
        if (contract == null) {
            try {
                var response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/openapi.json"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                contract = Contract.of(response.body());
            } catch (IOException e) {
                throw new AssertionError("cannot read the OpenAPI document", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return contract;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response put(String path, String token) {
        return send("PUT", path, token, null);
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response delete(String path, String token, Object body) {
        return send("DELETE", path, token, body);
    }

    /// Uploads raw bytes to `POST /api/v1/media`, labelled with a content type the server must ignore.
    public Response upload(String token, byte[] bytes, String claimedType) {
        return send("POST", "media", token, bytes, java.util.Map.of("Content-Type", claimedType));
    }

    /// GET of a server-relative URL (a signed media link) with extra headers.
    public Response fetch(String url, java.util.Map<String, String> headers) {
        return send("GET", url, null, null, headers);
    }

    /// Like [#fetch] but keeps the body as bytes.
    public HttpResponse<byte[]> fetchBytes(String url) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create(base + url)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Response send(String method, String path, String token, Object body) {
        return send(method, path, token, body, java.util.Map.of());
    }

    /// `body` is a String sent as-is, bytes, or an object written as JSON.
    public Response send(String method, String path, String token, Object body, java.util.Map<String, String> headers) {
        try {
            HttpRequest.BodyPublisher publisher;
            if (body == null) publisher = HttpRequest.BodyPublishers.noBody();
            else if (body instanceof String s) publisher = HttpRequest.BodyPublishers.ofString(s);
            else if (body instanceof byte[] b) publisher = HttpRequest.BodyPublishers.ofByteArray(b);
            else publisher = HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body));
            var builder = HttpRequest.newBuilder(URI.create(base + (path.startsWith("/") ? path : "/api/v1/" + path)))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, publisher);
            if (body != null && !headers.containsKey("Content-Type")) builder.header("Content-Type", "application/json");
            headers.forEach(builder::header);
            if (token != null) builder.header("Authorization", "Bearer " + token);
            var request = builder.build();
            HttpResponse<String> response = null;
            // The server may close a kept-alive connection after refusing a request early (bad URI,
            // body too large); a pooled connection can then fail on reuse. Browsers retry; so do we.
            for (int attempt = 1; response == null; attempt++) {
                try {
                    response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    if (attempt >= 4) throw e;
                }
            }
            var answer = new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
            var violations = contract().violations(method, request.uri().getRawPath(), answer.status(),
                    answer.contentType(), answer.body());
            if (!violations.isEmpty()) {
                throw new AssertionError("the answer breaks the OpenAPI document:\n  " + String.join("\n  ", violations)
                        + "\n  body: " + (answer.body().length() > 500 ? answer.body().substring(0, 500) + "..." : answer.body()));
            }
            return answer;
        } catch (IOException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
