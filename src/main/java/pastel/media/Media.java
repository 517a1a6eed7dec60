package pastel.media;

import java.time.Instant;

/// An uploaded photo or video in its stored form (re-encoded, metadata gone) with its thumbnail.
public record Media(String id, String ownerId, Kind kind, String contentType, int width, int height, Long durationMs,
                    long bytes, String blobKey, String thumbKey, String thumbContentType, Instant createdAt,
                    String attachedTo, Instant expiresAt) {

    public enum Kind { IMAGE, VIDEO }
}
