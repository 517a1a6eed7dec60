package pastel.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import pastel.realtime.Hub;
import pastel.support.ServerTest;
import pastel.support.WsClient;

/// Reproduction 3 of issue 10: a session's end (sign-out, a password change for the other
/// sessions, account deletion) closes its live WebSockets with code 4001 within 1 s; the
/// session that changed the password keeps its own.
class SessionEndHttpTest extends ServerTest {

    @Test
    void signOutPasswordChangeAndDeletionCloseTheSocketsOfTheEndedSessions() throws Exception {
        for (var ending : List.of("sign-out", "password", "delete")) {
            var user = person("socketend");
            var friend = person("socketfriend");
            befriend(user, friend);
            var second = signIn(user.username());
            try (var first = WsClient.connect(app.port(), user.token(), true);
                 var other = WsClient.connect(app.port(), second, true)) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> app.hub().connections() >= 2);
                switch (ending) {
                    case "sign-out" -> assertThat(http.delete("sessions/current", second).status()).isEqualTo(204);
                    case "password" -> assertThat(http.patch("me", user.token(), Map.of("password", "another long password",
                            "currentPassword", PASSWORD)).status()).isEqualTo(200);
                    default -> assertThat(http.delete("me", user.token(), Map.of("password", PASSWORD)).status()).isEqualTo(204);
                }
                assertThat(other.closedWith.get(1, TimeUnit.SECONDS)).as(ending).isEqualTo(Hub.SESSION_ENDED);
                if (ending.equals("delete")) {
                    assertThat(first.closedWith.get(1, TimeUnit.SECONDS)).isEqualTo(Hub.SESSION_ENDED);
                } else {
                    // The session that stayed keeps its socket and its events, chat text included.
                    assertThat(http.post("chats/" + user.username() + "/messages", friend.token(), Map.of("text", "still here"))
                            .status()).isEqualTo(201);
                    assertThat(first.await("chat.message", Duration.ofSeconds(5)).get("text").asText()).isEqualTo("still here");
                    assertThat(first.closedWith).isNotDone();
                }
            }
        }
    }
}
