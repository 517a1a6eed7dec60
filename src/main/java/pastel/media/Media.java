package pastel.media;

import java.time.Instant;
import org.jdbi.v3.core.mapper.Nested;

/// An uploaded photo or video in its stored form (re-encoded, metadata gone) with its thumbnail.
public record Media(String id, String ownerId, Kind kind, String contentType, int width, int height, Long durationMs,
                    long bytes, String blobKey, String thumbKey, String thumbContentType, Instant createdAt,
                    String attachedTo, Instant expiresAt, @Nested("source") Source source) {

    public enum Kind { IMAGE, VIDEO }

    /// An animated image stored as a video: clients play it in a loop, muted, like a GIF.
    public boolean animated() {
        return kind == Kind.VIDEO && source != null && java.util.Set.of("gif", "png", "webp").contains(source.type());
    }

    /// What the upload was before conversion: format (`png`, `jpeg`, `mp4`...), size, pixels, alpha.
    public record Source(String type, long bytes, int width, int height, boolean alpha) {}
}
