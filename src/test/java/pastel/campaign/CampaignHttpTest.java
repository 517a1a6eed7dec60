package pastel.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

/// Posters: the QR code of a public page decodes (Debian's zbarimg) to the page with its campaign
/// tag, and subscriptions made through it count in insights by source, on both databases.
class CampaignHttpTest extends ServerTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void aPostersQrCodeLeadsToThePageAndItsSubscriptionsCountBySource() throws Exception {
        var city = official("qrcity", "city", "Toulouse");

        var png = qr(city.username(), "metro-2026", "image/png");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        var svg = qr(city.username(), "metro-2026", "image/svg+xml, image/png;q=0.8");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(new String(svg.body())).contains("<svg", "viewBox=", "metro-2026");
        // A browser's */* gets the vector, which prints at any size.
        assertThat(qr(city.username(), "", "*/*").headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");

        var decoded = decode(png.body(), ".png");
        assertThat(decoded).endsWith("/@" + city.username() + "?campaign=metro-2026");
        // The SVG says the same once drawn (vips renders it like a print shop would).
        if (hasCommand("vips")) assertThat(decode(svg.body(), ".svg")).isEqualTo(decoded);

        // The visitor lands on the page the code names; the page keeps the campaign for its subscribe button.
        var path = URI.create(decoded).getRawPath() + "?" + URI.create(decoded).getRawQuery();
        var page = http.get(path, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-campaign=\"metro-2026\"");

        // Three residents subscribe from the poster, one from discovery, one from the page itself.
        var residents = new ArrayList<User>();
        for (int i = 0; i < 3; i++) {
            var resident = person("qrfan");
            residents.add(resident);
            assertThat(http.put("subscriptions/" + city.username() + "?source=qr&campaign=metro-2026", resident.token()).status())
                    .isEqualTo(204);
        }
        // Subscribing again changes nothing, so it counts nothing.
        assertThat(http.put("subscriptions/" + city.username() + "?source=qr&campaign=metro-2026", residents.getFirst().token())
                .status()).isEqualTo(204);
        assertThat(http.put("subscriptions/" + city.username() + "?source=discover", person("qrdisc").token()).status()).isEqualTo(204);
        assertThat(http.put("subscriptions/" + city.username() + "?source=page", person("qrpage").token()).status()).isEqualTo(204);

        var sources = http.get("accounts/" + city.username() + "/insights/sources?days=7", city.token());
        assertThat(sources.status()).as(sources.toString()).isEqualTo(200);
        var rows = new ArrayList<String>();
        sources.json().forEach(row -> rows.add(row.get("source").asText() + "/" + row.get("campaign").asText() + "="
                + row.get("subscriptions").asLong()));
        assertThat(rows).containsExactly("qr/metro-2026=3", "discover/=1", "page/=1");
        // The total agrees with the summary's gains.
        var summary = http.get("accounts/" + city.username() + "/insights/summary?days=7", city.token());
        assertThat(summary.json().get("subscribersGained").asLong()).isEqualTo(5);
        // Nothing but counts: no subscriber in the answer.
        assertThat(sources.body()).doesNotContain(residents.getFirst().username(), residents.getFirst().id());
        // A visitor is not the team.
        assertThat(http.get("accounts/" + city.username() + "/insights/sources", residents.getFirst().token()).status()).isIn(403, 404);
    }

    @Test
    void badTagsAndUnknownPagesAreRefused() throws Exception {
        var city = official("qrbad", "city", "Nice");
        var bad = http.send("GET", "accounts/" + city.username() + "/qr?campaign=" + "%3Cscript%3E", null, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("errors").get(0).get("field").asText()).isEqualTo("campaign");
        assertThat(http.get("accounts/" + city.username() + "/qr?size=99999", null).status()).isEqualTo(400);
        assertThat(http.get("accounts/nobody_here_qr/qr", null).status()).isEqualTo(404);
        // A personal account has no public page to put on a poster.
        assertThat(http.get("accounts/" + person("qrperson").username() + "/qr", null).status()).isEqualTo(404);
        var resident = person("qrsub");
        var wrong = http.put("subscriptions/" + city.username() + "?source=billboard", resident.token());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(http.get("subscriptions", resident.token()).json()).isEmpty();
    }

    private static HttpResponse<byte[]> qr(String username, String campaign, String accept) throws Exception {
        var url = "http://127.0.0.1:" + app.port() + "/api/v1/accounts/" + username + "/qr"
                + (campaign.isEmpty() ? "" : "?campaign=" + campaign);
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /// What Debian's zbarimg reads in the image.
    private static String decode(byte[] image, String suffix) throws Exception {
        var present = hasCommand("zbarimg");
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("zbarimg (zbar-tools) is required: run ./pastel test");
        }
        Assumptions.assumeTrue(present, "install zbar-tools (./pastel test does) to decode QR codes");
        var dir = Files.createTempDirectory("qr");
        try {
            var file = dir.resolve("code" + suffix);
            Files.write(file, image);
            if (suffix.equals(".svg")) {
                var png = dir.resolve("drawn.png");
                run(List.of("vips", "copy", file.toString(), png.toString()));
                file = png;
            }
            return run(List.of("zbarimg", "--quiet", "--raw", file.toString())).strip();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String run(List<String> command) throws Exception {
        // zbarimg's stderr may carry D-Bus noise on a machine without a session bus: stdout only.
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(command + ": " + out).isZero();
        return out;
    }

    private static boolean hasCommand(String name) {
        for (var dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }
}
