package pastel.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.StaticFiles;
import pastel.problem.PastelException;

/// The web client, served by the server itself at `/`: native ES modules, no build step. It
/// speaks only the public HTTP API and the event WebSocket.
public final class WebClient {
    /// Scripts only from this origin: no inline script, no CDN.
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
            + "media-src 'self' blob:; connect-src 'self' ws: wss:; worker-src 'self'; manifest-src 'self'; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /// A year: versioned files never change, a new release has a new version in their path.
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    /// `"/app/name"` in the shell, `'./name.js'` after `from` or `import` (or `import(`) in a module.
    private static final Pattern REFERENCE = Pattern.compile("\"/app/([\\w.-]+)\"|(?:\\bfrom|\\bimport)\\s*\\(?\\s*'\\./([\\w.-]+)'");

    /// The client's modules and styles. The one list is the client's own references: what
    /// index.html loads from /app/ and, from there, every module's relative imports (static or
    /// dynamic). The server serves exactly these and the service worker caches exactly these, so
    /// a new module is shipped by importing it and a removed one stops being served.
    static final List<String> MODULES = reachableFrom("index.html");

    private final StaticFiles files = new StaticFiles("/web/", Stream.concat(Stream.of("index.html", "manifest.webmanifest",
            "sw.js"), MODULES.stream()).toArray(String[]::new));
    private final Map<String, byte[]> icons = Map.of("icon-192.png", AppIcons.png(192, false),
            "icon-512.png", AppIcons.png(512, false), "maskable-512.png", AppIcons.png(512, true));
    /// The release's content hash, in the path of every module and style the shell loads, so that
    /// browsers keep them for a year and a new release is fetched at once. Relative imports
    /// between modules stay inside the versioned folder.
    private final String version = files.version();

    public WebClient() {
        files.replace("index.html", "\"/app/", "\"/app/" + version + "/");
        files.replace("sw.js", "'/app/", "'/app/" + version + "/");
        files.replace("sw.js", "pastel-shell-v2", "pastel-shell-" + version);
        files.replace("sw.js", "/*FILES*/[]", MODULES.stream().map(name -> "'/app/" + version + "/" + name + "'")
                .collect(Collectors.joining(", ", "[", "]")));
    }

    private static List<String> reachableFrom(String shell) {
        var found = new LinkedHashSet<String>();
        var pending = new ArrayDeque<>(List.of(shell));
        while (!pending.isEmpty()) {
            var matcher = REFERENCE.matcher(text("/web/" + pending.removeFirst()));
            while (matcher.find()) {
                var name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
                if (found.add(name) && name.endsWith(".js")) pending.add(name);
            }
        }
        return List.copyOf(found);
    }

    private static String text(String resource) {
        try (var in = WebClient.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void icon(Context ctx, String name) {
        var bytes = icons.get(name);
        if (bytes == null) throw new PastelException.NotFound("no such icon");
        ctx.header("Cache-Control", "public, max-age=86400").contentType("image/png").result(bytes);
    }

    String version() {
        return version;
    }

    private void module(Context ctx, String cacheControl) {
        var name = ctx.pathParam("name");
        if (name.equals("index.html") || !files.has(name)) throw new PastelException.NotFound("no such file");
        files.serve(ctx, name, cacheControl);
    }

    public void register(Api api) {
        var routes = api.group("web client");
        routes.get("!/", ctx -> {
            ctx.header("Content-Security-Policy", CSP).header("Referrer-Policy", "no-referrer");
            files.serve(ctx, "index.html", "no-cache");
        }).open().produces("text/html").summary("The web client").access(Access.ANYONE);
        // A page of an older release still gets working files, but not for keeps.
        routes.get("!/app/{version}/{name}", ctx -> module(ctx, ctx.pathParam("version").equals(version) ? IMMUTABLE : "no-cache"))
                .open().produces("text/javascript").summary("The web client's modules and styles of one release, cached for a year").access(Access.ANYONE);
        // Unversioned paths are revalidated by ETag (content hash).
        routes.get("!/app/{name}", ctx -> module(ctx, "no-cache")).open().produces("text/javascript")
                .summary("The web client's modules and styles (revalidated)").access(Access.ANYONE);
        routes.get("!/manifest.webmanifest", ctx -> files.serve(ctx, "manifest.webmanifest", "no-cache")).open()
                .produces("application/manifest+json").summary("PWA manifest").access(Access.ANYONE);
        routes.get("!/icons/{name}", ctx -> icon(ctx, ctx.pathParam("name"))).open().produces("image/png")
                .summary("The app's icons (192 and 512 px, and a maskable one)").access(Access.ANYONE);
        routes.get("!/favicon.ico", ctx -> icon(ctx, "icon-192.png")).open().produces("image/png")
                .summary("The favicon (a PNG, as browsers accept)").access(Access.ANYONE);
        routes.get("!/sw.js", ctx -> files.serve(ctx, "sw.js", "no-cache")).open()
                .produces("text/javascript").summary("The service worker caching the app shell").access(Access.ANYONE);
    }
}
