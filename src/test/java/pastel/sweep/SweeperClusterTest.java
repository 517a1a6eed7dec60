package pastel.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pastel.db.Database;
import pastel.support.TestDatabase;

/// Three nodes' sweepers on one PostgreSQL database: each task runs on one node at a time, about
/// once per period between them, and a node dying mid-task does not stop the others.
class SweeperClusterTest {
    static TestDatabase.Opened opened;
    static Database[] nodes = new Database[3];

    @BeforeAll
    static void open() {
        opened = TestDatabase.POSTGRES.open();
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = Database.connect(TestDatabase.POSTGRES_URL, opened.dataDir(), opened.schema());
        }
    }

    @AfterAll
    static void close() {
        for (var node : nodes) node.close();
        opened.database().close();
        opened.cleanup().run();
    }

    @Test
    void aTaskRunsOnOneNodeAtATime() throws Exception {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var runs = new AtomicInteger();
        var sweepers = new Sweeper[3];
        for (int i = 0; i < 3; i++) {
            sweepers[i] = new Sweeper(Duration.ofSeconds(30)).add("slow", () -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                runs.incrementAndGet();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return 0;
            }).oncePerCluster(nodes[i].jdbi());
        }
        var start = new CountDownLatch(1);
        var all = new CompletableFuture<?>[3];
        for (int i = 0; i < 3; i++) {
            var sweeper = sweepers[i];
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                sweeper.sweepScheduled();
            });
        }
        start.countDown();
        CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
        assertThat(most.get()).as("at most one node inside the task").isEqualTo(1);
        assertThat(runs.get()).as("once per period between the nodes").isEqualTo(1);
        // Right after, the timer of another node finds it done this period: skipped.
        assertThat(sweepers[1].sweepScheduled()).doesNotContainKey("slow");
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void aNodeThatDiesMidTaskHandsItOver() throws Exception {
        var entered = new CountDownLatch(1);
        var never = new CountDownLatch(1);
        var dying = new Sweeper(Duration.ofSeconds(30)).add("handover", () -> {
            entered.countDown();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }).oncePerCluster(nodes[0].jdbi());
        var runs = new AtomicInteger();
        var survivor = new Sweeper(Duration.ofSeconds(30)).add("handover", () -> runs.incrementAndGet())
                .oncePerCluster(nodes[1].jdbi());
        var thread = Thread.ofPlatform().start(dying::sweepScheduled);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(survivor.sweepScheduled()).as("taken by the other node").doesNotContainKey("handover");
        // The node dies: its connections go (a killed process's sockets close the same way).
        nodes[0].close();
        assertThat(survivor.sweepScheduled()).containsEntry("handover", 1);
        never.countDown();
        thread.join(10_000);
        nodes[0] = Database.connect(TestDatabase.POSTGRES_URL, opened.dataDir(), opened.schema());
    }
}
