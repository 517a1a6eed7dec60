package pastel.sweep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs every expiry task on a fixed period: the third layer of "expiry in three layers", the one
/// that deletes rows and bytes for real once reads have stopped showing them. Every background
/// job added here runs once per cluster when nodes share PostgreSQL ([#oncePerCluster]).
public final class Sweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);

    /// One kind of expired thing to delete; returns how many it deleted.
    @FunctionalInterface
    public interface Task {
        int sweep();
    }

    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Duration period;
    private ScheduledExecutorService executor;
    private ClusterLock cluster;

    public Sweeper(Duration period) {
        this.period = period;
    }

    public Sweeper add(String name, Task task) {
        tasks.put(name, task);
        return this;
    }

    /// Nodes sharing this PostgreSQL database run each task one at a time, about once per
    /// period between them (see [ClusterLock]); without it (SQLite: one node) every tick runs.
    public Sweeper oncePerCluster(Jdbi jdbi) {
        this.cluster = new ClusterLock(jdbi);
        return this;
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sweeper").daemon().factory());
        executor.scheduleWithFixedDelay(this::sweepScheduled, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /// Runs every task once, now (waiting for none: a task another node is running is skipped).
    /// Synchronized so a test's call never overlaps the scheduled run.
    public synchronized Map<String, Integer> sweepNow() {
        return sweep(true);
    }

    /// What the timer runs: tasks another node finished within most of a period are skipped.
    Map<String, Integer> sweepScheduled() {
        return sweep(false);
    }

    private synchronized Map<String, Integer> sweep(boolean now) {
        var counts = new LinkedHashMap<String, Integer>();
        for (var entry : tasks.entrySet()) {
            try {
                var count = run(entry.getKey(), entry.getValue(), now);
                if (count < 0) continue;
                counts.put(entry.getKey(), count);
                if (count > 0) LOG.info("swept task={} deleted={}", entry.getKey(), count);
            } catch (RuntimeException e) {
                // One failing task must not stop the others; it will be tried again next period.
                LOG.error("sweep failed task={}", entry.getKey(), e);
            }
        }
        return counts;
    }

    /// The task's count, or -1 when another node has it (running, or done within most of a period).
    private int run(String name, Task task, boolean now) {
        if (cluster == null) return task.sweep();
        var held = cluster.tryTake(name, period.toMillis() * 3 / 4, now);
        if (held.isEmpty()) return -1;
        try (var lock = held.get()) {
            var count = task.sweep();
            lock.finished();
            return count;
        }
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
