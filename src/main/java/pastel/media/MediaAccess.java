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
/// - it is a geofilter overlay (shown to anyone at its place), or a profile picture (handed out
///   only where the profile may be seen, and gone when replaced).
///
/// A signed-in viewer is named by its session, which must still exist: a sign-out ends every
/// URL handed out through it. Positive answers are remembered for [#REMEMBER_NANOS] per node from
/// the moment they are known (the serving path stays as fast as a plain file), well inside the 1 s in which a lost right
/// must stop a URL on every node; negative ones are never remembered.
public final class MediaAccess {
    static final long REMEMBER_NANOS = 250_000_000L;
    private static final int MAX_REMEMBERED = 50_000;

    private final Jdbi jdbi;
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> allowed = new ConcurrentHashMap<>();

    public MediaAccess(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /// Whether the viewer a URL was signed for (`grant`: a session reference, or
    /// [SignedUrls#ANYONE]) may see `mediaId` now.
    public boolean maySee(String grant, String mediaId) {
        var key = grant + "/" + mediaId;
        var checked = allowed.get(key);
        if (checked != null && System.nanoTime() - checked < REMEMBER_NANOS) return true;
        var yes = jdbi.withHandle(h -> {
            var viewer = "";
            if (!SignedUrls.ANYONE.equals(grant)) {
                var account = MediaStore.accountOfSession(h, grant);
                if (account.isEmpty()) return false;
                viewer = account.get();
            }
            return MediaStore.maySee(h, mediaId, viewer, clock.millis());
        });
        if (yes) {
            if (allowed.size() >= MAX_REMEMBERED) allowed.clear();
            // Stamped when the answer is known, not when the query began: a query slower than the
            // memory (a loaded machine, a busy pool) would otherwise leave nothing remembered and
            // send every following fetch to the database, which slows the queries further.
            allowed.put(key, System.nanoTime());
        } else {
            allowed.remove(key);
        }
        return yes;
    }
}
