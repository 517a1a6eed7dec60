package pastel.media;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/// The one owner of "may this viewer see this media now", asked by every media fetch. A viewer
/// may see a media while one of these holds:
///
/// - it is a story item (main or community story) that is live, not across a block, and either
///   public, or the viewer's own account's, a friend's, or one whose team the viewer is on;
/// - it is a snap the viewer received and opened, and the viewer is still the sender's friend
///   (a block ends the friendship);
/// - it is a community submission the viewer made, or one sent to an account whose team the viewer is on;
/// - it is a live story item named by a report and the viewer is an instance admin, who must see
///   what was reported to judge it (a friends-only item included); a snap's media never is;
/// - it is a geofilter overlay (shown to anyone at its place), or a profile picture (handed out
///   only where the profile may be seen, and gone when replaced).
///
/// A signed-in viewer is named by its session, which must still exist: a sign-out ends every
/// URL handed out through it. Positive answers are remembered for [#REMEMBER_NANOS] per node from
/// the moment they are known, with the media's row (the serving path stays as fast as a plain file:
/// a video played with Range requests asks no query per range), well inside the 1 s in which a lost
/// right must stop a URL on every node; negative ones are never remembered. A remembered row still
/// stops serving at its own expiry, and the blob's deletion stops it at once (the server looks for the file).
public final class MediaAccess {
    static final long REMEMBER_NANOS = 250_000_000L;
    private static final int MAX_REMEMBERED = 50_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ConcurrentHashMap<String, Allowed> allowed = new ConcurrentHashMap<>();

    private record Allowed(long at, Media media) {}

    public MediaAccess(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /// The media `mediaId` if the viewer a URL was signed for (`grant`: a session reference, or
    /// [SignedUrls#ANYONE]) may see it now; empty if not, or if it is gone or expired.
    public java.util.Optional<Media> visible(String grant, String mediaId) {
        var key = grant + "/" + mediaId;
        var checked = allowed.get(key);
        var now = clock.millis();
        if (checked != null && System.nanoTime() - checked.at() < REMEMBER_NANOS && live(checked.media(), now)) {
            return java.util.Optional.of(checked.media());
        }
        var found = jdbi.withHandle(h -> {
            if (!SignedUrls.ANYONE.equals(grant)) {
                var account = MediaStore.accountOfSession(h, grant);
                if (account.isEmpty()) return java.util.Optional.<Media>empty();
                return MediaStore.visible(h, mediaId, account.get(), now);
            }
            return MediaStore.visible(h, mediaId, "", now);
        });
        if (found.isPresent()) {
            if (allowed.size() >= MAX_REMEMBERED) allowed.clear();
            // Stamped when the answer is known, not when the query began: a query slower than the
            // memory (a loaded machine, a busy pool) would otherwise leave nothing remembered and
            // send every following fetch to the database, which slows the queries further.
            allowed.put(key, new Allowed(System.nanoTime(), found.get()));
        } else {
            allowed.remove(key);
        }
        return found;
    }

    private static boolean live(Media media, long now) {
        return media.expiresAt() == null || media.expiresAt().toEpochMilli() > now;
    }
}
