package pastel.story;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/// Each viewer's feed is served from memory only while nothing it shows has changed ([FeedCache]).
class FeedCacheTest {
    private static final long NOW = 1_780_000_000_000L;
    private final FeedCache cache = new FeedCache();

    private static FeedCache.Body body(String json) {
        return FeedCache.Body.of(json.getBytes(StandardCharsets.UTF_8));
    }

    private void put(String viewer, long version, long expiresAt, List<String> dependsOn, FeedCache.Body body) {
        cache.put(viewer, version, System.nanoTime(), expiresAt, dependsOn, body);
    }

    @Test
    void keepsAFeedUntilAnAccountItShowsChanges() {
        var feed = body("{\"accounts\":[\"bob\"]}");
        put("alice", cache.version(), NOW + 60_000, List.of("bob"), feed);
        assertThat(cache.get("alice", NOW)).isSameAs(feed);
        cache.changed("carol");
        assertThat(cache.get("alice", NOW)).as("carol is not in it").isSameAs(feed);
        cache.changed("bob");
        assertThat(cache.get("alice", NOW)).isNull();
    }

    @Test
    void theViewersOwnChangeCounts() {
        put("alice", cache.version(), NOW + 60_000, List.of("bob"), body("{}"));
        cache.changed("alice");
        assertThat(cache.get("alice", NOW)).isNull();
    }

    @Test
    void endsWhenItsFirstItemExpires() {
        var feed = body("{}");
        put("alice", cache.version(), NOW + 1_000, List.of(), feed);
        assertThat(cache.get("alice", NOW + 999)).isSameAs(feed);
        assertThat(cache.get("alice", NOW + 1_000)).isNull();
        assertThat(cache.get("alice", NOW)).as("dropped, not only hidden").isNull();
    }

    @Test
    void aFeedBuiltBeforeAChangeIsNotKeptAsCurrent() {
        var version = cache.version();
        cache.changed("bob"); // while the feed was being read
        put("alice", version, NOW + 60_000, List.of("bob"), body("{}"));
        assertThat(cache.get("alice", NOW)).isNull();
    }

    @Test
    void nothingForAViewerWithoutAFeed() {
        assertThat(cache.get("nobody", NOW)).isNull();
    }

    @Test
    void aHugeFeedIsNotKept() {
        var huge = new FeedCache.Body(new byte[(int) (FeedCache.BUDGET_BYTES / 16) + 1], new byte[0]);
        put("alice", cache.version(), NOW + 60_000, List.of(), huge);
        assertThat(cache.get("alice", NOW)).isNull();
    }

    @Test
    void theBodyCarriesItsGzippedForm() throws Exception {
        var json = "{\"items\":[" + "\"x\",".repeat(500) + "\"x\"]}";
        var feed = body(json);
        assertThat(feed.gzip().length).isLessThan(feed.json().length);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(feed.gzip()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(json);
        }
    }
}
