package pastel.sweep;

import java.util.Optional;
import org.jdbi.v3.core.Handle;

/// All SQL of the cluster's sweep schedule: the advisory locks (keyed by schema and task name)
/// and the `cluster_task` table of when each task last finished. Each call runs on the handle
/// the lock is held on: a session-level lock belongs to its connection.
final class ClusterTaskStore {
    private ClusterTaskStore() {}

    static boolean tryLock(Handle h, String task) {
        return h.createQuery("SELECT pg_try_advisory_lock(hashtext('pastel-sweep:' || current_schema()), hashtext(:task))")
                .bind("task", task).mapTo(Boolean.class).one();
    }

    static void unlock(Handle h, String task) {
        h.createQuery("SELECT pg_advisory_unlock(hashtext('pastel-sweep:' || current_schema()), hashtext(:task))")
                .bind("task", task).mapTo(Boolean.class).one();
    }

    static Optional<Long> lastFinished(Handle h, String task) {
        return h.createQuery("SELECT finished_at FROM cluster_task WHERE name = :name")
                .bind("name", task).mapTo(Long.class).findOne();
    }

    static void finished(Handle h, String task, long atMillis) {
        h.createUpdate("""
                INSERT INTO cluster_task (name, finished_at) VALUES (:name, :at)
                ON CONFLICT (name) DO UPDATE SET finished_at = excluded.finished_at""")
                .bind("name", task).bind("at", atMillis).execute();
    }
}
