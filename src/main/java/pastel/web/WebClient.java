package pastel.web;

import io.javalin.http.Context;
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

    private final StaticFiles files = new StaticFiles("/web/", "index.html", "app.js", "api.js", "i18n.js", "ui.js", "official.js", "camera.js",
            "style.css", "manifest.webmanifest", "sw.js", "push.js");
    /// The release's content hash, in the path of every module and style the shell loads, so that
    /// browsers keep them for a year and a new release is fetched at once. Relative imports
    /// between modules stay inside the versioned folder.
    private final String version = files.version();

    public WebClient() {
        files.replace("index.html", "\"/app/", "\"/app/" + version + "/");
        files.replace("sw.js", "'/app/", "'/app/" + version + "/");
        files.replace("sw.js", "pastel-shell-v2", "pastel-shell-" + version);
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
        routes.get("!/sw.js", ctx -> files.serve(ctx, "sw.js", "no-cache")).open()
                .produces("text/javascript").summary("The service worker caching the app shell").access(Access.ANYONE);
    }
}
