package pastel.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.account.Account;
import pastel.blob.BlobStore;
import pastel.db.Ids;
import pastel.problem.PastelException;

/// Uploads in, stored forms out, and deletion for real: the media half of promises 1 to 4.
public final class MediaService {
    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
    public static final long MAX_IMAGE_BYTES = 25L * 1024 * 1024;
    public static final long MAX_VIDEO_BYTES = 100L * 1024 * 1024;
    public static final long MAX_PIXELS = 50_000_000L;
    /// All the frames of an animation together: about 60 s of 1080p at 16 frames a second.
    public static final long MAX_ANIMATION_PIXELS = 2_000_000_000L;
    /// An upload never attached to anything is deleted after this long.
    public static final Duration UNATTACHED_LIFETIME = Duration.ofHours(1);
    /// Blobs without a row younger than this may belong to an upload in progress: left alone.
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);
    /// Orphans are rare (a crash at the wrong moment) and finding them lists every blob: hourly.
    static final Duration ORPHAN_SWEEP_EVERY = Duration.ofHours(1);
    /// How far back the hourly orphan pass looks: three periods, so a pass or two missed (every
    /// node down) still leaves no gap.
    static final Duration ORPHAN_WINDOW = Duration.ofHours(3);
    static final Duration FULL_ORPHAN_SWEEP_EVERY = Duration.ofDays(1);
    private volatile long nextOrphanSweep;
    private volatile long nextFullOrphanSweep;

    private final MediaStore store;
    private final BlobStore blobs;
    private final Path incoming;
    private final Clock clock;
    private final ImageProcessor images = new ImageProcessor();
    private final VideoProcessor videos = new VideoProcessor();
    private final AnimationProcessor animations = new AnimationProcessor(videos);
    private final List<java.util.function.BiConsumer<String, String>> derivedListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public MediaService(MediaStore store, BlobStore blobs, Path incoming, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.incoming = incoming;
        this.clock = clock;
        // The first whole listing a day after start-up, not at once: a cluster restarting
        // together would otherwise list the whole bucket once per node.
        this.nextFullOrphanSweep = clock.millis() + FULL_ORPHAN_SWEEP_EVERY.toMillis();
    }

    public MediaStore store() {
        return store;
    }

    /// Reads an upload, checks it, converts it to its stored form and stores it. Nothing of it is
    /// left behind on any failure: the work folder goes, and blobs written before a failed insert
    /// are deleted.
    public Media ingest(Account owner, InputStream body, long declaredLength) throws IOException {
        var work = Files.createTempDirectory(incoming, "upload-");
        try {
            var original = work.resolve("original");
            var type = receive(body, declaredLength, original);
            var id = Ids.newId(clock.millis());
            return switch (type.kind) {
                case IMAGE -> storeImage(owner, id, type, original, work);
                case VIDEO -> storeVideo(owner, id, type, original, work);
            };
        } finally {
            deleteTree(work);
        }
    }

    /// Stores a new form of `base` made on the server (a geofilter drawn in), as an upload of
    /// `owner`, and tells [#onDerived] listeners, so what belongs to the media (its text
    /// alternative, a video's captions) follows it to the form that is actually posted.
    public Media derive(Account owner, Media base, InputStream body, long declaredLength) throws IOException {
        var derived = ingest(owner, body, declaredLength);
        try {
            derivedListeners.forEach(listener -> listener.accept(base.id(), derived.id()));
        } catch (RuntimeException e) {
            delete(derived);
            throw e;
        }
        return derived;
    }

    /// Registers what must be carried from a media to a form derived from it (see [#derive]):
    /// `(fromId, toId)`, called once the derived media's row exists.
    public void onDerived(java.util.function.BiConsumer<String, String> listener) {
        derivedListeners.add(listener);
    }

    private MediaType receive(InputStream body, long declaredLength, Path target) throws IOException {
        var head = body.readNBytes(MediaType.SNIFF_BYTES);
        if (head.length == 0) throw new PastelException.BadRequest("the upload is empty");
        var type = MediaType.sniff(head, head.length).orElseThrow(() -> new PastelException.UnsupportedMedia(
                "only JPEG, PNG, WebP, GIF, HEIC and AVIF images and MP4, MOV and WebM videos are accepted"));
        var limit = type.kind == Media.Kind.IMAGE ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
        if (declaredLength > limit) throw tooBig(type, limit);
        try (var out = Files.newOutputStream(target)) {
            out.write(head);
            var buffer = new byte[64 * 1024];
            long total = head.length;
            int n;
            while ((n = body.read(buffer)) > 0) {
                total += n;
                // Stop as soon as the limit is crossed: no need to read (or store) the rest.
                if (total > limit) throw tooBig(type, limit);
                out.write(buffer, 0, n);
            }
        }
        return type;
    }

    private static PastelException tooBig(MediaType type, long limit) {
        return new PastelException.TooLarge((type.kind == Media.Kind.IMAGE ? "photos" : "videos")
                + " may be at most " + limit / (1024 * 1024) + " MB");
    }

    private Media storeImage(Account owner, String id, MediaType type, Path original, Path work) throws IOException {
        // Every format's size comes from its container, so a bomb is refused before any decoder runs.
        var dimensions = ImageHeader.read(type, original).orElseThrow(() ->
                new PastelException.UnsupportedMedia("the image header cannot be read"));
        if (dimensions.width() <= 0 || dimensions.height() <= 0) {
            throw new PastelException.UnsupportedMedia("the image header gives no size");
        }
        if (dimensions.pixels() > MAX_PIXELS) {
            throw new PastelException.TooLarge("photos may have at most 50 megapixels; this one claims "
                    + dimensions.width() + " x " + dimensions.height());
        }
        if (dimensions.animated()) return storeAnimation(owner, id, type, original, work, dimensions);
        var sourceBytes = Files.size(original);
        var stored = images.process(original, work);
        var source = new Media.Source(type.name().toLowerCase(), sourceBytes, (int) dimensions.width(),
                (int) dimensions.height(), stored.alpha());
        return save(new Media(id, owner.id(), Media.Kind.IMAGE, stored.contentType(), stored.width(), stored.height(),
                null, Files.size(stored.image()), id, id + ".thumb", stored.contentType(), now(), null,
                now().plus(UNATTACHED_LIFETIME), source), stored.image(), stored.thumbnail());
    }

    // Animated GIF, WebP and APNG become videos, under the limits of videos: the duration the file
    // claims, and the pixels all its frames decode to, are checked before decoding.
    private Media storeAnimation(Account owner, String id, MediaType type, Path original, Path work,
                                 ImageHeader.Dimensions dimensions) throws IOException {
        VideoProcessor.checkDuration(dimensions.durationMs() / 1000.0);
        if (dimensions.pixels() * dimensions.frames() > MAX_ANIMATION_PIXELS) {
            throw new PastelException.TooLarge("animations may decode to at most " + MAX_ANIMATION_PIXELS / 1_000_000
                    + " megapixels in all; this one has " + dimensions.frames() + " frames of "
                    + dimensions.width() + " x " + dimensions.height());
        }
        var sourceBytes = Files.size(original);
        var stored = animations.process(type, original, work);
        return save(new Media(id, owner.id(), Media.Kind.VIDEO, "video/mp4", stored.width(), stored.height(),
                stored.durationMs(), Files.size(stored.video()), id, id + ".thumb", "image/jpeg", now(), null,
                now().plus(UNATTACHED_LIFETIME), new Media.Source(type.name().toLowerCase(), sourceBytes,
                        (int) dimensions.width(), (int) dimensions.height(), false)), stored.video(), stored.poster());
    }

    private Media storeVideo(Account owner, String id, MediaType type, Path original, Path work) throws IOException {
        var sourceBytes = Files.size(original);
        var stored = videos.process(original, work);
        if (Files.size(stored.video()) > MAX_VIDEO_BYTES) throw tooBig(MediaType.MP4, MAX_VIDEO_BYTES);
        return save(new Media(id, owner.id(), Media.Kind.VIDEO, "video/mp4", stored.width(), stored.height(),
                stored.durationMs(), Files.size(stored.video()), id, id + ".thumb", "image/jpeg", now(), null,
                now().plus(UNATTACHED_LIFETIME), new Media.Source(type.name().toLowerCase(), sourceBytes,
                        stored.width(), stored.height(), false)), stored.video(), stored.poster());
    }

    // Blobs first, row second: until the row commits nothing can reach the blobs, and if the
    // insert fails they are deleted here (or, after a crash, by the orphan sweep).
    private Media save(Media media, Path content, Path thumbnail) throws IOException {
        blobs.put(media.blobKey(), content);
        blobs.put(media.thumbKey(), thumbnail);
        try {
            store.insert(media);
        } catch (RuntimeException e) {
            deleteBlobs(media);
            throw e;
        }
        return media;
    }

    /// Deletes the row, then the bytes. Returns whether there was a row.
    public boolean delete(Media media) {
        var deleted = store.delete(media.id());
        deleteBlobs(media);
        return deleted;
    }

    /// Deletes a media by id, whatever its expiry (an item deleted early, a rejected submission).
    public void deleteById(String mediaId) {
        if (mediaId != null) store.byId(mediaId).ifPresent(this::delete);
    }

    private void deleteBlobs(Media media) {
        for (var key : List.of(media.blobKey(), media.thumbKey())) {
            try {
                blobs.delete(key);
            } catch (IOException e) {
                // The orphan sweep will retry: the row is gone, so the blob is unreachable already.
                LOG.warn("blob delete failed key={} error=\"{}\"", key, e.getMessage());
            }
        }
    }

    /// Deletes every media whose `expires_at` has passed: unattached uploads, used-up snaps, old stories.
    public int sweepExpired() {
        int deleted = 0;
        List<Media> due;
        do {
            due = store.due(clock.millis(), 500);
            for (var media : due) {
                if (delete(media)) deleted++;
            }
        } while (due.size() == 500);
        return deleted;
    }

    /// Deletes blobs that no row names (left by a crash between blob write and row insert, or
    /// between row delete and blob delete), once they are old enough not to be an upload in flight.
    ///
    /// Blob keys start with their media's time-ordered id, so the hourly pass lists only the keys
    /// made in the last [#ORPHAN_WINDOW] (a crash between blob write and row insert leaves a
    /// young key); the whole store is listed once a day (a crash between row delete and blob
    /// delete leaves an old one). On an object store a listing costs one request per 1,000 keys.
    public int sweepOrphans() {
        var now = clock.millis();
        if (now < nextOrphanSweep) return 0;
        nextOrphanSweep = now + ORPHAN_SWEEP_EVERY.toMillis();
        var full = now >= nextFullOrphanSweep;
        if (full) nextFullOrphanSweep = now + FULL_ORPHAN_SWEEP_EVERY.toMillis();
        return reconcileOrphans(full ? "" : Ids.prefixAt(now - ORPHAN_WINDOW.toMillis()), ORPHAN_GRACE);
    }

    /// Deletes the blobs at or after `fromKey` ("" for all) that no row names and that are older
    /// than `grace`. A grace of zero is for an operator who knows no upload is in flight
    /// (`pastel admin sweep --orphan-grace-seconds 0` with every node stopped).
    public int reconcileOrphans(String fromKey, Duration grace) {
        var now = clock.millis();
        try {
            var referenced = store.referencedKeys(fromKey);
            var cutoff = now - grace.toMillis();
            var orphans = new ArrayList<String>();
            blobs.list(fromKey, entry -> {
                // A key's own time says when its upload began; the store's clock may differ from ours.
                var made = Ids.millisOf(entry.key());
                var age = made >= 0 ? made : entry.modified().toEpochMilli();
                if (!referenced.contains(entry.key()) && age <= cutoff) orphans.add(entry.key());
            });
            for (var key : orphans) blobs.delete(key);
            return orphans.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /// What is due for deletion now and which blobs are orphans: `pastel admin due`.
    public record Audit(List<Media> due, List<BlobStore.Entry> orphanBlobs, List<String> rowsWithoutBlobs) {}

    public Audit audit() throws IOException {
        var due = store.due(clock.millis(), 10_000);
        var referenced = store.referencedKeys();
        var orphans = new ArrayList<BlobStore.Entry>();
        var present = new java.util.HashSet<String>();
        blobs.list(entry -> {
            present.add(entry.key());
            if (!referenced.contains(entry.key())) orphans.add(entry);
        });
        var missing = referenced.stream().filter(k -> !present.contains(k)).sorted().toList();
        return new Audit(due, orphans, missing);
    }

    /// Deletes every media of an account that is being deleted (rows and bytes): what it
    /// uploaded, and what was posted in its name or to it whoever uploaded it (items its managers
    /// posted, highlights, community submissions, geofilters, snaps sent only to it).
    public void deleteAllOf(String accountId) {
        for (var media : store.ofAccount(accountId)) delete(media);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.warn("cannot delete temporary file {}", p);
                }
            });
        } catch (IOException e) {
            LOG.warn("cannot clean temporary folder {}", root);
        }
    }
}
