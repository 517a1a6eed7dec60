package pastel.avatar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.net.URLEncoder;
import pastel.account.Account;
import pastel.account.AccountViews.Avatar;
import pastel.blob.BlobStore;
import pastel.media.Ffmpeg;
import pastel.media.Media;
import pastel.media.MediaService;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;

/// Profile pictures: an upload goes through the media pipeline (type from the bytes, orientation
/// applied, metadata stripped), is cropped to its centre square at 512 px, and goes through the
/// pipeline again, which re-strips it and makes the 320 px variant. Accounts without one get a
/// generated picture: their initial on a colour chosen from their username.
public final class AvatarService {
    static final int SIDE = 512;
    private static final Duration CROP_LIMIT = Duration.ofSeconds(30);

    private final AvatarStore store;
    private final MediaService media;
    private final BlobStore blobs;
    private final Path workRoot;
    private final SignedUrls urls;
    private final Clock clock;

    public AvatarService(org.jdbi.v3.core.Jdbi jdbi, MediaService media, BlobStore blobs, Path workRoot, SignedUrls urls,
                         Clock clock) {
        this.store = new AvatarStore(jdbi);
        this.media = media;
        this.blobs = blobs;
        this.workRoot = workRoot;
        this.urls = urls;
        this.clock = clock;
    }

    /// The account's picture as shown to anyone who may see the account.
    public Avatar of(Account account) {
        return store.mediaOf(account.id(), clock.millis())
                .map(this::signed)
                .orElseGet(() -> generated(account.username(), account.displayName()));
    }

    /// Avatars of the named accounts the viewer may see (blocked pairs are left out), by username.
    public Map<String, Avatar> of(Account viewer, Collection<String> usernames) {
        var rows = store.byUsernames(viewer.id(), usernames, clock.millis());
        var result = new LinkedHashMap<String, Avatar>();
        for (var row : rows.values()) {
            result.put(row.username(), row.mediaId() != null ? signed(row.mediaId())
                    : generated(row.username(), row.displayName()));
        }
        return result;
    }

    public void set(Account me, InputStream body, long declaredLength) throws IOException {
        var upload = media.ingest(me, body, declaredLength);
        Media square;
        try {
            if (upload.kind() != Media.Kind.IMAGE) {
                throw new PastelException.UnsupportedMedia("a profile picture is a photo, not a video");
            }
            square = crop(me, upload);
        } finally {
            media.deleteById(upload.id());
        }
        var now = clock.millis();
        String previous;
        try {
            previous = store.jdbi().inTransaction(h -> {
                MediaStore.attach(h, square.id(), me.id(), "avatar", null, now)
                        .orElseThrow(() -> new PastelException.Conflict("the picture was just used for something else"));
                return AvatarStore.replace(h, me.id(), square.id(), now).orElse(null);
            });
        } catch (RuntimeException e) {
            media.deleteById(square.id());
            throw e;
        }
        media.deleteById(previous);
    }

    public void remove(Account me) {
        media.deleteById(store.remove(me.id()).orElse(null));
    }

    private Media crop(Account me, Media upload) throws IOException {
        var work = Files.createTempDirectory(workRoot, "avatar-");
        try {
            var source = work.resolve("source");
            copy(upload.blobKey(), source);
            var square = work.resolve("square.png");
            // The centre square, scaled to 512 px (never up: a small picture stays small).
            var side = Math.min(Math.min(upload.width(), upload.height()), SIDE);
            Ffmpeg.run(List.of("-i", source.toString(), "-frames:v", "1",
                    "-vf", "crop='min(iw,ih)':'min(iw,ih)',scale=" + side + ":" + side, square.toString()),
                    CROP_LIMIT, work, "the picture could not be cropped");
            try (var in = Files.newInputStream(square)) {
                return media.ingest(me, in, Files.size(square));
            }
        } finally {
            deleteTree(work);
        }
    }

    private void copy(String key, Path target) throws IOException {
        try (var slice = blobs.open(key, 0, blobs.size(key)); var in = slice.stream()) {
            Files.copy(in, target);
        }
    }

    private Avatar signed(String mediaId) {
        // Shown wherever the profile is (the profile rules decide who gets it), so not bound to a
        // viewer: see media.MediaAccess.
        return new Avatar(urls.sign(mediaId, SignedUrls.Variant.ORIGINAL, pastel.account.Viewer.ANONYMOUS),
                urls.sign(mediaId, SignedUrls.Variant.THUMB, pastel.account.Viewer.ANONYMOUS));
    }

    /// The generated default: an SVG data URL (no request, no storage), the same for every client.
    static Avatar generated(String username, String displayName) {
        var name = displayName == null || displayName.isBlank() ? username : displayName.strip();
        var initial = name.substring(0, name.offsetByCodePoints(0, 1)).toUpperCase();
        var hue = Math.floorMod(username.hashCode(), 360);
        var escaped = initial.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        var svg = "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><rect width='64' height='64' fill='hsl("
                + hue + ",55%,42%)'/><text x='32' y='43' font-family='system-ui,sans-serif' font-size='30' "
                + "font-weight='700' text-anchor='middle' fill='#fff'>" + escaped + "</text></svg>";
        var url = "data:image/svg+xml," + URLEncoder.encode(svg, StandardCharsets.UTF_8).replace("+", "%20");
        return new Avatar(url, url);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder holds only stripped bytes, and is under the incoming folder
        }
    }
}
