package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class WebClientHttpTest extends ServerTest {

    @Test
    void theShellIsServedWithAStrictContentSecurityPolicy() {
        var page = http.get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        var csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.body()).containsPattern("<script type=\"module\" src=\"/app/[0-9a-f]{12}/app.js\"></script>")
                .doesNotContain("<script>").contains("manifest.webmanifest");
    }

    @Test
    void theShellLoadsItsFilesFromTheReleasesFolderCachedForAYear() {
        var version = http.get("/", null).body().replaceAll("(?s).*src=\"/app/([0-9a-f]{12})/app.js\".*", "$1");
        var module = http.get("/app/" + version + "/app.js", null);
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(module.body()).contains("from './api.js'");
        var style = http.get("/app/" + version + "/style.css", null);
        assertThat(style.contentType()).startsWith("text/css");
        assertThat(http.get("/sw.js", null).body()).contains("'/app/" + version + "/app.js'").contains("pastel-shell-" + version);
        // A page from an older release still works, without pinning those files for a year.
        var old = http.get("/app/000000000000/app.js", null);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void modulesAreCachedByContentHash() {
        var module = http.get("/app/app.js", null);
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.contentType()).startsWith("text/javascript");
        var etag = module.header("ETag");
        assertThat(etag).isNotBlank();
        var again = http.send("GET", "/app/app.js", null, null, Map.of("If-None-Match", etag));
        assertThat(again.status()).isEqualTo(304);
        assertThat(http.get("/sw.js", null).status()).isEqualTo(200);
        assertThat(http.get("/manifest.webmanifest", null).contentType()).startsWith("application/manifest+json");
        assertProblem(http.get("/app/nothing.js", null), 404);
        assertProblem(http.get("/app/index.html", null), 404);
    }

    @Test
    void installableIconsAndOneListOfFilesForTheServerAndTheServiceWorker() throws Exception {
        var manifest = http.get("/manifest.webmanifest", null).json();
        var sizes = new java.util.HashSet<String>();
        for (var icon : manifest.get("icons")) {
            var png = http.fetchBytes(icon.get("src").asText());
            assertThat(png.statusCode()).isEqualTo(200);
            var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png.body()));
            assertThat(icon.get("sizes").asText()).isEqualTo(image.getWidth() + "x" + image.getHeight());
            sizes.add(icon.get("sizes").asText() + " " + icon.get("purpose").asText());
        }
        assertThat(sizes).contains("192x192 any", "512x512 any", "512x512 maskable");
        assertThat(http.get("/favicon.ico", null).contentType()).isEqualTo("image/png");
        assertThat(http.get("/", null).body()).contains("<meta name=\"description\"");
        // Every module the shell reaches through its imports is served and cached by the service worker.
        var version = http.get("/", null).body().replaceAll("(?s).*src=\"/app/([0-9a-f]{12})/app.js\".*", "$1");
        var worker = http.get("/sw.js", null).body();
        for (var name : WebClient.MODULES) {
            assertThat(http.get("/app/" + version + "/" + name, null).status()).as(name).isEqualTo(200);
            assertThat(worker).contains("'/app/" + version + "/" + name + "'");
        }
    }
}
