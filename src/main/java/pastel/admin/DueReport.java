package pastel.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import pastel.config.Config;
import pastel.db.Database;
import pastel.media.MediaService;
import pastel.media.Spool;
import pastel.session.SessionService;

/// `pastel admin due`: everything due for deletion now, kind by kind (media with their bytes,
/// rows of every expiring kind, un-stripped uploads left in the spool, orphan blobs, rows whose
/// blob is missing), so an operator can check that nothing outlives its rule.
public final class DueReport {
    private DueReport() {}

    public static void print(PrintStream out, Config config, Database database, MediaService media, Path spoolRoot,
                             Duration sweepPeriod) throws IOException {
        var clock = Clock.systemUTC();
        var now = clock.millis();
        var audit = media.audit();
        out.println("due for deletion (" + audit.due().size() + "):");
        for (var m : audit.due()) {
            out.printf("  media %s  %s  %s  owner=%s  expired_at=%s%n", m.id(), m.kind().name().toLowerCase(),
                    m.attachedTo() == null ? "unattached upload" : m.attachedTo(), m.ownerId(), m.expiresAt());
        }
        var counts = new DueStore(database.jdbi()).counts(now, now - SessionService.IDLE_EXPIRY.toMillis(),
                now - config.loginLimits().windowSeconds() * 1000L, Math.floorDiv(now, 86_400_000L) - 2);
        counts.forEach((kind, n) -> out.printf("  %-42s %d%n", kind, n));
        var leftovers = Spool.leftovers(spoolRoot, clock);
        out.println("uploads left in the spool, un-stripped (" + leftovers.size() + "):");
        for (var l : leftovers) out.printf("  %s  %d bytes  modified %s%n", l.path(), l.bytes(), l.modified());
        out.println("orphan blobs, no row names them (" + audit.orphanBlobs().size() + "):");
        for (var b : audit.orphanBlobs()) out.printf("  %s  %d bytes  modified %s%n", b.key(), b.size(), b.modified());
        out.println("rows whose blob is missing (" + audit.rowsWithoutBlobs().size() + "):");
        for (var key : audit.rowsWithoutBlobs()) out.println("  " + key);
        out.println("the server's sweeper deletes what is due every " + sweepPeriod.toSeconds() + " s");
    }
}
