package pastel.publicpage;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import pastel.http.Api;
import pastel.problem.PastelException;

/// The few static files the server-rendered pages use, read once from the jar. (Jetty's static
/// file handler mounts the whole jar at start-up, which cost about 0.3 s.)
public final class Assets {
    private record Asset(byte[] bytes, String contentType, String etag) {}

    private final Map<String, Asset> assets = Map.of(
            "story-player.js", load("story-player.js", "text/javascript; charset=utf-8"),
            "public-page.css", load("public-page.css", "text/css; charset=utf-8"));

    public void register(Api api) {
        api.group("public pages").get("!/assets/{name}", this::serve).open().produces("text/plain")
                .summary("Scripts and styles of the public pages");
    }

    private void serve(Context ctx) {
        var asset = assets.get(ctx.pathParam("name"));
        if (asset == null) throw new PastelException.NotFound("no such asset");
        ctx.header("ETag", asset.etag()).header("Cache-Control", "public, max-age=3600");
        if (asset.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(asset.contentType()).result(asset.bytes());
    }

    private static Asset load(String name, String contentType) {
        try (var in = Assets.class.getResourceAsStream("/assets/" + name)) {
            if (in == null) throw new IllegalStateException("missing asset " + name);
            var bytes = in.readAllBytes();
            var hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
            return new Asset(bytes, contentType, "\"" + hash + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
