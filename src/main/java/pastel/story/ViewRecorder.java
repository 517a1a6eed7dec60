package pastel.story;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Group commit for story views: concurrent views are written together in one transaction by a
/// single writer, and each request is answered only once its view is committed. Nothing
/// acknowledged is lost, and SQLite's one-writer-at-a-time stops being the limit (one commit
/// per batch instead of one per view).
final class ViewRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ViewRecorder.class);
    private static final int MAX_BATCH = 1000;

    /// One view to record. `viewerId` null means anonymous (counts in views only).
    record PendingView(String itemId, String accountId, String viewerId, long at, long watchedMs, boolean completed,
                       String ageBand, boolean subscriber, CompletableFuture<Void> done) {}

    private final Jdbi jdbi;
    private final BlockingQueue<PendingView> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;

    ViewRecorder(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.writer = Thread.ofPlatform().name("story-view-writer").daemon().start(this::run);
    }

    /// Queues a view and returns when it is durable (or throws if it could not be written).
    void record(PendingView view) {
        if (!queue.offer(view)) throw new IllegalStateException("too many views waiting to be written");
        view.done().join();
    }

    private void run() {
        var batch = new ArrayList<PendingView>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                var first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                var began = System.nanoTime();
                write(batch);
                batch.forEach(v -> v.done().complete(null));
                // SQLite has one writer and no queue: a writer that begins its next batch the
                // instant the last one commits starves every other write (sign-ins, snaps, chat)
                // into SQLITE_BUSY. A pause of a quarter of the batch's time leaves them room;
                // views keep arriving meanwhile and go in the next, larger batch.
                Thread.sleep(Math.max(1, (System.nanoTime() - began) / 4_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("writing {} story views failed", batch.size(), e);
                batch.forEach(v -> v.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    // A few prepared batches per transaction, whatever the number of views in it.
    private void write(List<PendingView> batch) {
        var perItem = new java.util.HashMap<String, Integer>();
        var perDay = new java.util.HashMap<List<Object>, Integer>();
        var signedIn = new ArrayList<PendingView>();
        for (var view : batch) {
            perItem.merge(view.itemId(), 1, Integer::sum);
            perDay.merge(List.of(view.accountId(), day(view)), 1, Integer::sum);
            if (view.viewerId() != null) signedIn.add(view);
        }
        jdbi.useTransaction(h -> {
            var items = h.prepareBatch("UPDATE story_item SET views = views + :n WHERE id = :id");
            perItem.forEach((id, n) -> items.bind("n", n).bind("id", id).add());
            items.execute();
            var days = h.prepareBatch("""
                    INSERT INTO story_daily (account_id, day, views, unique_viewers) VALUES (:a, :day, :n, 0)
                    ON CONFLICT (account_id, day) DO UPDATE SET views = story_daily.views + :n""");
            perDay.forEach((key, n) -> days.bind("a", key.get(0)).bind("day", key.get(1)).bind("n", n).add());
            days.execute();
            if (signedIn.isEmpty()) return;
            var firsts = h.prepareBatch("""
                    INSERT INTO story_daily_viewer (account_id, day, viewer_id) VALUES (:a, :day, :v)
                    ON CONFLICT (account_id, day, viewer_id) DO NOTHING""");
            signedIn.forEach(v -> firsts.bind("a", v.accountId()).bind("day", day(v)).bind("v", v.viewerId()).add());
            var inserted = firsts.execute();
            var uniques = h.prepareBatch(
                    "UPDATE story_daily SET unique_viewers = unique_viewers + 1 WHERE account_id = :a AND day = :day");
            var anyUnique = false;
            for (int i = 0; i < inserted.length; i++) {
                if (inserted[i] == 1) {
                    uniques.bind("a", signedIn.get(i).accountId()).bind("day", day(signedIn.get(i))).add();
                    anyUnique = true;
                }
            }
            if (anyUnique) uniques.execute();
            // One record per viewer and item, kept by a single upsert: a repeat raises the longest
            // watch and may set completed, and never adds a viewer.
            var records = h.prepareBatch("""
                    INSERT INTO story_view (item_id, viewer_id, account_id, first_seen_at, longest_watch_ms, completed,
                                            age_band, subscriber)
                    VALUES (:item, :viewer, :account, :now, :watched, :completed, :band, :subscriber)
                    ON CONFLICT (item_id, viewer_id) DO UPDATE SET
                        longest_watch_ms = CASE WHEN excluded.longest_watch_ms > story_view.longest_watch_ms
                                                THEN excluded.longest_watch_ms ELSE story_view.longest_watch_ms END,
                        completed = (story_view.completed OR excluded.completed)""");
            signedIn.forEach(v -> records.bind("item", v.itemId()).bind("viewer", v.viewerId())
                    .bind("account", v.accountId()).bind("now", v.at()).bind("watched", v.watchedMs())
                    .bind("completed", v.completed()).bind("band", v.ageBand()).bind("subscriber", v.subscriber()).add());
            records.execute();
        });
    }

    private static long day(PendingView view) {
        return Math.floorDiv(view.at(), 86_400_000L);
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
