package pastel.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import pastel.problem.PastelException;

/// A handful of files shipped in the jar, read once and served from memory with a content-hash
/// ETag. (Jetty's static file handler mounts the whole jar at start-up, which cost about 0.3 s.)
public final class StaticFiles {
    private record File(byte[] bytes, String contentType, String etag) {}

    private final Map<String, File> files = new HashMap<>();

    /// Loads `names` from the classpath folder `folder` (like "/web/").
    public StaticFiles(String folder, String... names) {
        for (var name : names) files.put(name, load(folder + name));
    }

    public boolean has(String name) {
        return files.containsKey(name);
    }

    /// A short hash of every file's content: changes whenever any file does.
    public String version() {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            files.keySet().stream().sorted().forEach(name -> digest.update(files.get(name).etag().getBytes()));
            return java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /// Replaces `target` with `replacement` in a text file (its ETag follows the new content).
    public void replace(String name, String target, String replacement) {
        var file = files.get(name);
        var text = new String(file.bytes(), java.nio.charset.StandardCharsets.UTF_8).replace(target, replacement);
        files.put(name, file(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), file.contentType()));
    }

    /// Answers with the file, or 304 when the client's copy is current.
    public void serve(Context ctx, String name, String cacheControl) {
        var file = files.get(name);
        if (file == null) throw new PastelException.NotFound("no such file");
        ctx.header("ETag", file.etag()).header("Cache-Control", cacheControl).header("X-Content-Type-Options", "nosniff");
        if (file.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(file.contentType()).result(file.bytes());
    }

    private static File load(String path) {
        try (var in = StaticFiles.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return file(in.readAllBytes(), contentType(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static File file(byte[] bytes, String contentType) {
        try {
            var hash = java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 20);
            return new File(bytes, contentType, "\"" + hash + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (path.endsWith(".css")) return "text/css; charset=utf-8";
        if (path.endsWith(".html")) return "text/html; charset=utf-8";
        if (path.endsWith(".webmanifest")) return "application/manifest+json";
        return "application/octet-stream";
    }
}
