package pastel.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

/// HEAD answers exactly what GET would, status and headers, without a body (RFC 9110 section
/// 9.3.2; issue 10, reproduction 10): on every GET route of the route table, signed in or not,
/// and on media URLs that are live, deleted, expired or forged.
class HeadTest extends ServerTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private record Answer(int status, Map<String, List<String>> headers, int bodyBytes) {}

    private static Answer send(String method, String path, String token) {
        try {
            var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                    .timeout(Duration.ofSeconds(30)).method(method, HttpRequest.BodyPublishers.noBody());
            if (token != null) builder.header("Authorization", "Bearer " + token);
            var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            var headers = new TreeMap<String, List<String>>();
            response.headers().map().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("date")) headers.put(name.toLowerCase(), values);
            });
            return new Answer(response.statusCode(), headers, response.body().length);
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + ": " + e, e);
        }
    }

    private static void sameAsGet(List<String> failures, String path, String token) {
        var get = send("GET", path, token);
        var head = send("HEAD", path, token);
        if (get.status() != head.status() || !get.headers().equals(head.headers()) || head.bodyBytes() != 0) {
            failures.add(path + (token == null ? " (anonymous)" : " (signed in)") + "\n  GET  " + get.status() + " "
                    + get.headers() + "\n  HEAD " + head.status() + " " + head.headers() + " body=" + head.bodyBytes());
        }
    }

    @Test
    void headIsGetWithoutTheBodyOnEveryRoute() {
        var owner = official("head_city", "city", "Albi");
        http.post("stories", owner.token(), Map.of("mediaId", uploadPhoto(owner)));
        var stranger = person("head_someone");
        var failures = new ArrayList<String>();
        var routes = app.api().operations().stream().filter(op -> op.method().equals("get")).toList();
        assertThat(routes).hasSizeGreaterThan(20);
        for (var op : routes) {
            var path = op.path().replace("{username}", owner.username()).replace("{member}", stranger.username())
                    .replaceAll("\\{[^}]+}", "01kt1a0f809q150rvgr6v2pdjd");
            sameAsGet(failures, path, null);
            sameAsGet(failures, path, owner.token());
            sameAsGet(failures, path, stranger.token());
        }
        sameAsGet(failures, "/api/v1/me", null);
        sameAsGet(failures, "/api/v1/me", "forged-token");
        sameAsGet(failures, "/api/v1/events", null);
        sameAsGet(failures, "/api/v1/no/such/route", null);
        assertThat(failures).isEmpty();
    }

    @Test
    void headOnMediaUrlsLiveDeletedExpiredAndForgedIsWhatGetSays() {
        var city = official("head_media", "city", "Albi");
        http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city)));
        var item = http.get("accounts/" + city.username() + "/stories", null).json().get(0);
        var url = item.get("mediaUrl").asText();
        var failures = new ArrayList<String>();

        sameAsGet(failures, url, null);
        var live = send("HEAD", url, null);
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.headers().get("content-length")).isNotNull();

        var forged = url.replaceAll("sig=[^&]+", "sig=AAAA");
        sameAsGet(failures, forged, null);
        assertThat(send("HEAD", forged, null).status()).isEqualTo(404);

        clock.advance(Duration.ofMinutes(6));
        sameAsGet(failures, url, null);
        assertThat(send("HEAD", url, null).status()).isEqualTo(410);

        var fresh = http.get("accounts/" + city.username() + "/stories", null).json().get(0).get("mediaUrl").asText();
        assertThat(http.delete("stories/" + item.get("id").asText(), city.token()).status()).isEqualTo(204);
        sameAsGet(failures, fresh, null);
        assertThat(send("HEAD", fresh, null).status()).isIn(404, 410);
        assertThat(failures).isEmpty();
    }
}
