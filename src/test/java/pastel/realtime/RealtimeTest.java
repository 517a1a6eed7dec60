package pastel.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.WsClient;

class RealtimeTest extends ServerTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void eachEventReachesTheRightAccountWithinASecondAndNobodyElse() throws Exception {
        var ana = person("ana");
        var ben = person("ben");
        var eve = person("eve"); // connected, concerned by nothing: must receive nothing
        try (var anaWs = WsClient.connect(app.port(), ana.token(), true);
             var benWs = WsClient.connect(app.port(), ben.token(), true);
             var eveWs = WsClient.connect(app.port(), eve.token(), true)) {
            awaitConnected(ana, ben, eve);
            var request = http.post("friends/requests", ana.token(), Map.of("username", ben.username()));
            var friendRequest = benWs.await("friend.request", SECOND);
            assertThat(friendRequest.get("from").asText()).isEqualTo(ana.username());
            assertThat(friendRequest.get("requestId").asText()).isEqualTo(request.json().get("id").asText());
            assertThat(friendRequest.get("at").asText()).isNotBlank();

            http.post("friends/requests/" + request.json().get("id").asText() + "/accept", ben.token(), null);
            assertThat(anaWs.await("friend.accepted", SECOND).get("by").asText()).isEqualTo(ben.username());

            var snap = http.post("snaps", ana.token(), Map.of("mediaId", uploadPhoto(ana), "to", List.of(ben.username()),
                    "viewSeconds", 5)).json().get("id").asText();
            var received = benWs.await("snap.received", SECOND);
            assertThat(received.get("snapId").asText()).isEqualTo(snap);
            assertThat(received.get("kind").asText()).isEqualTo("image");
            http.post("snaps/" + snap + "/open", ben.token(), null);
            assertThat(anaWs.await("snap.opened", SECOND).get("by").asText()).isEqualTo(ben.username());
            http.post("snaps/" + snap + "/screenshot", ben.token(), null);
            assertThat(anaWs.await("snap.screenshot", SECOND).get("snapId").asText()).isEqualTo(snap);
            http.post("snaps/" + snap + "/replay", ben.token(), null);
            assertThat(anaWs.await("snap.replayed", SECOND).get("snapId").asText()).isEqualTo(snap);

            http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "on se voit ?"));
            var message = benWs.await("chat.message", SECOND);
            assertThat(message.get("text").asText()).isEqualTo("on se voit ?");
            assertThat(message.get("from").asText()).isEqualTo(ana.username());
            http.post("chats/" + ana.username() + "/read", ben.token(), null);
            assertThat(anaWs.await("chat.read", SECOND).get("by").asText()).isEqualTo(ben.username());

            http.post("stories", ana.token(), Map.of("mediaId", uploadPhoto(ana)));
            assertThat(benWs.await("story.posted", SECOND).get("account").asText()).isEqualTo(ana.username());

            var city = official("ville", "city", "Toulouse");
            http.put("subscriptions/" + city.username(), ben.token());
            http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city)));
            assertThat(benWs.await("story.posted", SECOND).get("account").asText()).isEqualTo(city.username());

            var submission = http.post("accounts/" + city.username() + "/community/submissions", ben.token(),
                    Map.of("mediaId", uploadPhoto(ben))).json().get("id").asText();
            http.post("accounts/" + city.username() + "/community/submissions/" + submission + "/approve", city.token(), null);
            assertThat(benWs.await("submission.approved", SECOND).get("submissionId").asText()).isEqualTo(submission);

            assertThat(eveWs.drain(Duration.ofMillis(300))).as("events for eve").isEmpty();
        }
    }

    @Test
    void theUpgradeNeedsAValidToken() {
        assertThatThrownBy(() -> WsClient.connect(app.port(), null, true)).hasStackTraceContaining("401");
        assertThatThrownBy(() -> WsClient.connect(app.port(), "not-a-token", true)).hasStackTraceContaining("401");
        var signedOut = person("gone");
        http.delete("sessions/current", signedOut.token());
        assertThatThrownBy(() -> WsClient.connect(app.port(), signedOut.token(), true)).hasStackTraceContaining("401");
    }

    @Test
    void aClientThatStopsReadingDoesNotDelayOthers() throws Exception {
        var talker = person("talker");
        var stalled = person("stalled");
        var listener = person("listener");
        befriend(talker, stalled);
        befriend(talker, listener);
        try (var stalledWs = WsClient.connect(app.port(), stalled.token(), false);
             var listenerWs = WsClient.connect(app.port(), listener.token(), true)) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> app.hub().connections() == 2);
            assertThat(app.hub().connections()).isEqualTo(2);
            var text = "x".repeat(2000);
            // Far more than the stalled client's queue and the sockets' buffers can hold (about 10 MB).
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                for (int i = 0; i < 5000; i++) {
                    pool.submit(() -> http.post("chats/" + stalled.username() + "/messages", talker.token(), Map.of("text", text)));
                }
                // Meanwhile, and afterwards, the listener still gets its events within a second.
                for (int i = 0; i < 5; i++) {
                    Thread.sleep(300);
                    var started = System.nanoTime();
                    http.post("chats/" + listener.username() + "/messages", talker.token(), Map.of("text", "still there? " + i));
                    listenerWs.await("chat.message", SECOND);
                    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
                }
            }
            var started = System.nanoTime();
            http.post("chats/" + listener.username() + "/messages", talker.token(), Map.of("text", "after the flood"));
            listenerWs.await("chat.message", SECOND);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
            // The stalled connection was dropped by the server; the listener's is still there.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> app.hub().connections() == 1);
        }
    }

    @Test
    void anEventFromAnotherNodeArrivesWithinASecond() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(databaseKind == pastel.support.TestDatabase.POSTGRES,
                "nodes share events through PostgreSQL; a SQLite instance is a single node");
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var dataDir = java.nio.file.Files.createTempDirectory("pastel-node2-");
        var javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var node2 = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "pastel.Main", "serve")
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("node2.log").toFile());
        node2.environment().put("PASTEL_PORT", Integer.toString(port));
        node2.environment().put("PASTEL_DATA_DIR", dataDir.toString());
        node2.environment().put("PASTEL_DATABASE_URL", opened.schemaUrl());
        var process = node2.start();
        try {
            var other = new pastel.support.Http(port);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                    .until(() -> other.get("/health/ready", null).status() == 200);
            var ana = person("node2sender");
            var ben = person("node1receiver");
            befriend(ana, ben);
            try (var benWs = WsClient.connect(app.port(), ben.token(), true)) {
                awaitConnected(ben);
                // Node 2 runs on the real clock; its sessions must be fresh there too.
                var anaToken = other.post("sessions", null, Map.of("username", ana.username(), "password", PASSWORD))
                        .json().get("token").asText();
                var upload = other.upload(anaToken, pastel.support.TestMedia.noisyJpeg(32, 32), "image/jpeg");
                assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
                var started = System.nanoTime();
                var sent = other.post("snaps", anaToken, Map.of("mediaId", upload.json().get("id").asText(),
                        "to", List.of(ben.username()), "viewSeconds", 3));
                assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
                var received = benWs.await("snap.received", SECOND);
                assertThat(received.get("snapId").asText()).isEqualTo(sent.json().get("id").asText());
                assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(1000);
            }
        } finally {
            process.destroy();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            process.destroyForcibly();
        }
    }
}
