package pastel.media;

import io.javalin.http.Context;
import pastel.http.Access;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.HttpOutput;
import pastel.account.CurrentAccount;
import pastel.blob.BlobStore;
import pastel.http.Api;
import pastel.http.Uploads;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;

/// `POST /api/v1/media` (raw body or multipart field `file`) and the signed media URLs.
public final class MediaRoutes {
    // Files are served from shared mappings (MappedFiles); what cannot be mapped (an S3 store, a
    // full table) is copied through reusable direct buffers: faster than Jetty's channel copy.
    private static final int CHUNK = 256 * 1024;
    private static final int MAX_POOLED = 64;
    private static final java.util.Queue<ByteBuffer> BUFFERS = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private final MediaService media;
    private final SignedUrls urls;
    private final MediaAccess access;
    private final BlobStore blobs;
    private final CurrentAccount current;
    private final java.util.function.Function<String, java.util.Optional<String>> captions;
    private final MappedFiles mapped = new MappedFiles();

    public MediaRoutes(MediaService media, SignedUrls urls, MediaAccess access, BlobStore blobs, CurrentAccount current,
                       java.util.function.Function<String, java.util.Optional<String>> captions) {
        this.captions = captions;
        this.media = media;
        this.urls = urls;
        this.access = access;
        this.blobs = blobs;
        this.current = current;
    }

    /// What an upload answers; `animated` marks an animated GIF, WebP or APNG stored as a video.
    public record Uploaded(String id, Media.Kind kind, int width, int height, Long durationMs, long bytes, boolean animated) {}

    public void register(Api api) {
        var routes = api.group("media");
        routes.post("/media", this::upload).status(201).produces("application/json")
                .summary("Upload a photo (JPEG, PNG, WebP, GIF, HEIC, AVIF; 25 MB, 50 MP) or video (MP4, MOV, WebM; 100 MB, 60 s), "
                        + "as the raw body or multipart field 'file'; animated GIF/WebP/APNG become looping videos. "
                        + "Unattached uploads are deleted after 1 hour.")
                .uploads("multipart/form-data", "application/octet-stream", "image/*", "video/*").returns(Uploaded.class)
                .access(Access.SELF);
        routes.get("!/media/{id}/{variant}", this::serve).open().produces("application/octet-stream")
                .summary("Media bytes through a signed URL (valid 5 minutes); supports Range").requiredQuery("exp", Long.class, "expiry of the link, epoch seconds").requiredQuery("sig", String.class, "signature of the link").alsoReturns(206, null).access(Access.SIGNED_URL);
    }

    private void upload(Context ctx) throws IOException {
        var owner = current.require(ctx);
        var upload = Uploads.of(ctx, MediaService.MAX_VIDEO_BYTES);
        var stored = media.ingest(owner, upload.content(), upload.length());
        ctx.status(201).json(new Uploaded(stored.id(), stored.kind(), stored.width(), stored.height(),
                stored.durationMs(), stored.bytes(), stored.animated()));
    }

    private void serve(Context ctx) throws IOException {
        var id = ctx.pathParam("id");
        var variant = ctx.pathParam("variant");
        var grant = ctx.queryParam("v");
        switch (urls.check(id, variant, grant, ctx.queryParam("exp"), ctx.queryParam("sig"))) {
            case INVALID -> throw new PastelException.NotFound("no such media link");
            case EXPIRED -> throw new PastelException.Gone(ProblemType.LINK_EXPIRED, "this media link has expired");
            case VALID -> { }
        }
        // The link's viewer may have lost the right to see it (block, unfriend, deletion,
        // audience change, sign-out): then it is a link to nothing, as for anyone else.
        // The same answer says the media is still there (and not expired): a deleted or expired
        // media is a link to nothing too.
        var found = access.visible(grant, id).orElseThrow(() -> new PastelException.NotFound("no such media link"));
        if (variant.equals("captions")) {
            var vtt = captions.apply(id).orElseThrow(() -> new PastelException.NotFound("this video has no captions"));
            ctx.header("Cache-Control", "private, no-store").header("X-Content-Type-Options", "nosniff")
                    .contentType("text/vtt; charset=utf-8").result(vtt);
            return;
        }
        var thumb = variant.equals("thumb");
        var key = thumb ? found.thumbKey() : found.blobKey();
        var size = blobs.size(key);
        if (size < 0) throw new PastelException.Gone("this media is gone");

        var range = ByteRange.parse(ctx.header("Range"), size);
        long start = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        range.ifPresent(r -> ctx.status(206).header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size));
        ctx.contentType(thumb ? found.thumbContentType() : found.contentType());
        ctx.header("Accept-Ranges", "bytes");
        // Ephemeral media must not outlive its moment in any cache, shared or private.
        ctx.header("Cache-Control", "private, no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.res().setContentLengthLong(length);
        if (ctx.method().name().equals("HEAD")) return;
        var file = blobs.file(key);
        if (file.isPresent() && ctx.res().getOutputStream() instanceof HttpOutput jetty) {
            try (var lease = mapped.lease(file.get(), size, start, length)) {
                if (lease != null) {
                    jetty.write(lease.bytes());
                    return;
                }
            }
        }
        try (var slice = blobs.open(key, start, length)) {
            var out = ctx.res().getOutputStream();
            if (slice.channel() != null && out instanceof HttpOutput jetty) {
                var pooled = BUFFERS.poll();
                var buffer = pooled != null ? pooled : ByteBuffer.allocateDirect(CHUNK);
                var channel = slice.channel();
                long position = start;
                long left = length;
                while (left > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), left));
                    var read = channel.read(buffer, position);
                    if (read <= 0) break;
                    buffer.flip();
                    jetty.write(buffer);
                    position += read;
                    left -= read;
                }
                if (BUFFERS.size() < MAX_POOLED) BUFFERS.offer(buffer);
            } else {
                try (var in = slice.stream()) {
                    in.transferTo(out);
                }
            }
        }
    }
}
