package pastel.geofilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.blob.BlobStore;
import pastel.media.Ffmpeg;
import pastel.media.Media;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.problem.PastelException;

/// Draws a geofilter into a photo or video before it is sent or posted, so that what the sender
/// saw is what every viewer gets: the overlay is part of the stored pixels.
///
/// Why on the server rather than in every viewer: one place gets it right for every client (the
/// web client, API clients, the public page), a viewer cannot leave it out, and the stored media
/// stays one file with one URL. The cost is one more encode at send time (a bounded ffmpeg run);
/// the result goes through the media pipeline again, so it is stripped like any upload.
///
/// Placement: the overlay is scaled to fit inside the frame (never cropped), centred, as the
/// web client draws it over the frozen shot (`object-fit: contain` on the same box).
public final class GeofilterOverlay {
    private static final Duration ENCODE_LIMIT = Duration.ofMinutes(3);

    private final Jdbi jdbi;
    private final GeofilterStore geofilters;
    private final MediaService media;
    private final BlobStore blobs;
    private final Path workRoot;
    private final Clock clock;

    public GeofilterOverlay(Jdbi jdbi, MediaService media, BlobStore blobs, Path workRoot, Clock clock) {
        this.jdbi = jdbi;
        this.geofilters = new GeofilterStore(jdbi);
        this.media = media;
        this.blobs = blobs;
        this.workRoot = workRoot;
        this.clock = clock;
    }

    /// The upload to attach: the original one when no geofilter is chosen, else a new upload with the
    /// geofilter drawn in. The caller calls [#committed()] once its transaction has committed (the
    /// plain original is then deleted at once) or [#failed()] when it did not (the composite goes).
    public final class Drawn {
        private final String originalId;
        private final String mediaId;

        private Drawn(String originalId, String mediaId) {
            this.originalId = originalId;
            this.mediaId = mediaId;
        }

        public String mediaId() {
            return mediaId;
        }

        public void committed() {
            if (!mediaId.equals(originalId)) media.deleteById(originalId);
        }

        public void failed() {
            if (!mediaId.equals(originalId)) media.deleteById(mediaId);
        }
    }

    /// Draws geofilter `geofilterId` (active now, else 400: a forged or expired id is refused) on
    /// `me`'s unused upload `mediaId` (else 404).
    public Drawn draw(Account me, String mediaId, String geofilterId) {
        if (geofilterId == null || geofilterId.isBlank() || mediaId == null || mediaId.isBlank()) {
            return new Drawn(mediaId, mediaId);
        }
        var now = clock.millis();
        var base = jdbi.withHandle(h -> MediaStore.unattached(h, mediaId, me.id(), now))
                .orElseThrow(() -> new PastelException.NotFound("no unused upload " + mediaId + " of yours"));
        var overlayId = geofilters.activeMedia(geofilterId.strip(), java.time.Instant.ofEpochMilli(now))
                .orElseThrow(() -> new PastelException.Invalid("geofilterId", "not-found", "is not an active geofilter"));
        var overlay = media.store().live(overlayId, now)
                .orElseThrow(() -> new PastelException.Invalid("geofilterId", "not-found", "is not an active geofilter"));
        try {
            return new Drawn(mediaId, compose(me, base, overlay).id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Media compose(Account me, Media base, Media overlay) throws IOException {
        var work = Files.createTempDirectory(workRoot, "geofilter-");
        try {
            var baseFile = work.resolve("base");
            var overlayFile = work.resolve("overlay");
            copy(base.blobKey(), baseFile);
            copy(overlay.blobKey(), overlayFile);
            var scale = Math.min((double) base.width() / overlay.width(), (double) base.height() / overlay.height());
            var w = Math.max(2, (int) Math.round(overlay.width() * scale));
            var h = Math.max(2, (int) Math.round(overlay.height() * scale));
            // Without format=auto the overlay's alpha would be blended in the base's YUV at 4:2:0.
            var filter = "[1:v]scale=" + w + ":" + h + "[o];[0:v][o]overlay=" + (base.width() - w) / 2 + ":"
                    + (base.height() - h) / 2 + ":format=auto[v]";
            Path out;
            List<String> arguments;
            if (base.kind() == Media.Kind.IMAGE) {
                out = work.resolve("drawn.png");
                arguments = List.of("-i", baseFile.toString(), "-i", overlayFile.toString(), "-filter_complex", filter,
                        "-map", "[v]", "-frames:v", "1", "-pix_fmt", base.source().alpha() ? "rgba" : "rgb24",
                        out.toString());
            } else {
                out = work.resolve("drawn.mp4");
                arguments = List.of("-i", baseFile.toString(), "-i", overlayFile.toString(), "-filter_complex", filter,
                        "-map", "[v]", "-map", "0:a?", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20",
                        "-pix_fmt", "yuv420p", "-c:a", "copy", "-movflags", "+faststart", out.toString());
            }
            Ffmpeg.run(arguments, ENCODE_LIMIT, work, "the geofilter could not be drawn");
            try (var in = Files.newInputStream(out)) {
                return media.derive(me, base, in, Files.size(out));
            }
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void copy(String key, Path target) throws IOException {
        try (var slice = blobs.open(key, 0, blobs.size(key)); var in = slice.stream()) {
            Files.copy(in, target);
        }
    }
}
