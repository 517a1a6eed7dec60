package pastel.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestDatabase;
import pastel.support.WsClient;

/// A node whose LISTEN connection to PostgreSQL breaks misses no event: what was published
/// while it was down is read back from the event table when it reconnects, once each.
class EventCatchUpTest extends ServerTest {

    @Test
    void eventsPublishedWhileListenIsBrokenAreDeliveredAfterReconnectOnceEach() throws Exception {
        Assumptions.assumeTrue(databaseKind == TestDatabase.POSTGRES, "nodes share events through PostgreSQL");
        var bus = (PostgresEventBus) app.events();
        var ana = person("ana");
        var ben = person("ben");
        befriend(ana, ben);
        try (var benWs = WsClient.connect(app.port(), ben.token(), true)) {
            await().atMost(Duration.ofSeconds(10)).until(bus::listening);
            http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "before"));
            assertThat(benWs.await("chat.message", Duration.ofSeconds(5)).get("text").asText()).isEqualTo("before");

            var before = bus.caughtUp();
            var media = uploadPhoto(ana);
            PostgresEventBus.holdReconnect = true;
            try {
                // Break the connection as a network failure or a database restart would.
                try (var admin = DriverManager.getConnection(TestDatabase.POSTGRES_URL);
                     var kill = admin.prepareStatement(
                             "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
                    kill.setString(1, "pastel-listen pastel_events_" + opened.schema());
                    var rs = kill.executeQuery();
                    assertThat(rs.next()).as("the LISTEN connection was found").isTrue();
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> !bus.listening());
                var snap = http.post("snaps", ana.token(), Map.of("mediaId", media, "to", List.of(ben.username()),
                        "viewSeconds", 5));
                assertThat(snap.status()).isEqualTo(201);
                for (int i = 0; i < 5; i++) {
                    http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "during " + i));
                }
                assertThat(bus.listening()).as("still down while publishing").isFalse();
                PostgresEventBus.holdReconnect = false;
                var received = benWs.await("snap.received", Duration.ofSeconds(15));
                assertThat(received.get("snapId").asText()).isEqualTo(snap.json().get("id").asText());
            } finally {
                PostgresEventBus.holdReconnect = false;
            }
            var texts = new HashSet<String>();
            for (int i = 0; i < 5; i++) texts.add(benWs.await("chat.message", Duration.ofSeconds(5)).get("text").asText());
            assertThat(texts).containsExactlyInAnyOrder("during 0", "during 1", "during 2", "during 3", "during 4");
            assertThat(bus.caughtUp() - before).isGreaterThanOrEqualTo(6);
            // Once each: nothing more arrives (the catch-up window overlaps what was delivered before).
            assertThat(benWs.drain(Duration.ofMillis(500))).extracting(e -> e.get("type").asText())
                    .doesNotContain("chat.message", "snap.received");
        }
    }

    @Test
    void eventsOlderThanAMinuteArePruned() {
        Assumptions.assumeTrue(databaseKind == TestDatabase.POSTGRES, "the event table is PostgreSQL's");
        app.database().jdbi().useHandle(h -> h.execute("INSERT INTO bus_event (id, at, payload) VALUES ('old', 0, '{}')"));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM bus_event WHERE id = 'old'")).isZero();
    }
}
