package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import pastel.App;
import pastel.db.Database;
import pastel.realtime.Hub;
import pastel.support.Http;
import pastel.support.ServerTest;
import pastel.support.TestConfig;
import pastel.support.TestDatabase;
import pastel.support.WsClient;

/// Two nodes on one PostgreSQL database: a block, an unfriend and a sign-out made on one node
/// stop a media URL served by the other within 1 s; a sign-out closes the session's WebSocket
/// held by the other node (4001) within 1 s, and after a block or an unfriend no event of one
/// reaches the other's socket on the other node.
class TwoNodePrivacyTest extends ServerTest {
    private static final Duration WITHIN = Duration.ofSeconds(1);

    @Test
    void whatOneNodeEndsStopsOnTheOtherWithinASecond() throws Exception {
        Assumptions.assumeTrue(databaseKind == TestDatabase.POSTGRES, "nodes share one PostgreSQL database");
        var database = Database.connect(TestDatabase.POSTGRES_URL, opened.dataDir(), opened.schema());
        try (var node2 = App.start(TestConfig.of(opened.dataDir()), clock, database)) {
            var other = new Http(node2.port());
            for (var ending : List.of("block", "unfriend", "sign-out")) {
                var a = person("twoa");
                var b = person("twob");
                befriend(a, b);
                var bSession = signIn(b.username());
                var media = uploadPhoto(a);
                var snapId = http.post("snaps", a.token(), Map.of("mediaId", media, "to", List.of(b.username()),
                        "viewSeconds", 5)).json().get("id").asText();
                // B opened the snap through node 2 and fetches it from node 1; B's socket is on node 2.
                var url = other.post("snaps/" + snapId + "/open", bSession, null).json().get("mediaUrl").asText();
                assertThat(http.fetch(url, Map.of()).status()).isEqualTo(200);
                try (var bSocket = WsClient.connect(node2.port(), bSession, true)) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> node2.hub().connections() >= 1);
                    switch (ending) {
                        case "block" -> assertThat(http.post("blocks", a.token(), Map.of("username", b.username())).status())
                                .isEqualTo(204);
                        case "unfriend" -> assertThat(http.delete("friends/" + b.username(), a.token()).status()).isEqualTo(204);
                        default -> assertThat(http.delete("sessions/current", bSession).status()).isEqualTo(204);
                    }
                    await().atMost(WITHIN).pollInterval(Duration.ofMillis(20))
                            .until(() -> http.fetch(url, Map.of()).status() == 404);
                    if (ending.equals("sign-out")) {
                        assertThat(bSocket.closedWith.get(1, TimeUnit.SECONDS)).isEqualTo(Hub.SESSION_ENDED);
                        assertProblem(other.get("me", bSession), 401);
                    } else {
                        // Nothing of A reaches B any more: a story A posts is not announced to B.
                        assertThat(http.post("stories", a.token(), Map.of("mediaId", uploadPhoto(a))).status()).isEqualTo(201);
                        assertThat(bSocket.drain(Duration.ofMillis(500))).noneMatch(e -> e.toString().contains(a.username()));
                        assertThat(bSocket.closedWith).isNotDone();
                    }
                }
            }
        }
    }
}
