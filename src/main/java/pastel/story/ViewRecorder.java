package pastel.story;

import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private final StoryStore store;
    private final BlockingQueue<PendingView> queue = new LinkedBlockingQueue<>(100_000);
    private final Thread writer;
    private volatile boolean running = true;

    ViewRecorder(StoryStore store) {
        this.store = store;
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
                store.recordViews(batch);
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
