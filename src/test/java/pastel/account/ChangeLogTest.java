package pastel.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/// What caches use to know whether what they read of an account is still good ([ChangeLog]).
class ChangeLogTest {
    private final ChangeLog log = new ChangeLog(Duration.ofMinutes(1));

    @Test
    void aReadStaysGoodUntilItsAccountChanges() {
        var version = log.version();
        assertThat(log.unchangedSince("alice", version)).isTrue();
        log.changed("bob");
        assertThat(log.unchangedSince("alice", version)).as("another account changed").isTrue();
        assertThat(log.unchangedSince("bob", version)).isFalse();
        log.changed("alice");
        assertThat(log.unchangedSince("alice", version)).isFalse();
        assertThat(log.unchangedSince("alice", log.version())).as("read again after the change").isTrue();
    }

    @Test
    void aChangeDuringTheReadMakesItStale() {
        var before = log.version();
        log.changed("alice"); // committed while the cache was reading
        var after = log.version();
        assertThat(after).isGreaterThan(before);
        assertThat(log.unchangedSince("alice", before)).isFalse();
        assertThat(log.unchangedSince("alice", after)).isTrue();
    }

    @Test
    void tooManyRecentChangesMakeEverythingReadBeforeStale() {
        log.changed("alice");
        var version = log.version();
        for (int i = 0; i <= 100_000; i++) log.changed("account-" + i);
        assertThat(log.unchangedSince("alice", version)).as("forgotten, so presumed changed").isFalse();
        assertThat(log.unchangedSince("someone-else", version)).isFalse();
        log.changed("dave");
        assertThat(log.unchangedSince("alice", log.version())).as("read after the purge").isTrue();
    }
}
