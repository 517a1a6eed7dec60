package pastel.sweep;

import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/// Makes each sweep task run on one node at a time when several nodes share a PostgreSQL
/// database, and about once per period across them.
///
/// A task runs while its node holds a session-level advisory lock (`pg_try_advisory_lock`,
/// keyed by schema and task name) on a connection held for the run: another node finds it
/// taken and skips, and if the holder dies its connection closes and the lock goes with it,
/// so the next node's tick runs the task: never twice at once, never skipped for good. A node
/// that gets the lock also skips the task when another finished it less than most of a period
/// ago (`cluster_task.finished_at`), so three nodes do the work of one.
final class ClusterLock {
    private final Jdbi jdbi;

    ClusterLock(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /// A held lock; closing it records the run (when `finished`) and releases the lock.
    final class Held implements AutoCloseable {
        private final Handle handle;
        private final String task;
        private boolean finished;

        private Held(Handle handle, String task) {
            this.handle = handle;
            this.task = task;
        }

        void finished() {
            finished = true;
        }

        @Override
        public void close() {
            try {
                if (finished) ClusterTaskStore.finished(handle, task, System.currentTimeMillis());
                ClusterTaskStore.unlock(handle, task);
            } finally {
                handle.close();
            }
        }
    }

    /// The lock of `task` if free and, unless `force`, if no node finished it within `minGapMillis`.
    Optional<Held> tryTake(String task, long minGapMillis, boolean force) {
        var handle = jdbi.open();
        try {
            if (!ClusterTaskStore.tryLock(handle, task)) {
                handle.close();
                return Optional.empty();
            }
            var held = new Held(handle, task);
            if (!force) {
                var last = ClusterTaskStore.lastFinished(handle, task);
                // Wall time, not the injected clock: this is about the schedule, not a product rule.
                if (last.isPresent() && System.currentTimeMillis() - last.get() < minGapMillis) {
                    held.close();
                    return Optional.empty();
                }
            }
            return Optional.of(held);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }
}
