package pastel.sweep;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/// Runs every expiry task on a fixed period: the third layer of "expiry in three layers", the one
/// that deletes rows and bytes for real once reads have stopped showing them.
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

    public Sweeper(Duration period) {
        this.period = period;
    }

    public Sweeper add(String name, Task task) {
        tasks.put(name, task);
        return this;
    }

    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("sweeper").daemon().factory());
        executor.scheduleWithFixedDelay(this::sweepNow, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /// Runs every task once, now. Synchronized so a test's call never overlaps the scheduled run.
    public synchronized Map<String, Integer> sweepNow() {
        var counts = new LinkedHashMap<String, Integer>();
        for (var entry : tasks.entrySet()) {
            try {
                var count = entry.getValue().sweep();
                counts.put(entry.getKey(), count);
                if (count > 0) LOG.info("swept task={} deleted={}", entry.getKey(), count);
            } catch (RuntimeException e) {
                // One failing task must not stop the others; it will be tried again next period.
                LOG.error("sweep failed task={}", entry.getKey(), e);
            }
        }
        return counts;
    }

    @Override
    public void close() {
        if (executor != null) executor.shutdownNow();
    }
}
