package pastel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pastel.support.LocalPushService;
import pastel.support.ServerTest;

/// Web Push end to end against a push service on loopback: the test is the browser (its own
/// P-256 key pair and auth secret), receives each push, decrypts it and checks the VAPID token.
class PushHttpTest extends ServerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LocalPushService service;

    @BeforeAll
    static void startPushService() throws Exception {
        service = new LocalPushService();
    }

    @AfterAll
    static void stopPushService() {
        service.close();
    }

    private static LocalPushService.Subscription subscribe(User user, String lang) {
        var browser = service.subscribe();
        var body = new HashMap<String, Object>(browser.json());
        body.put("lang", lang);
        var answer = http.send("PUT", "push/subscriptions", user.token(), body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(204);
        return browser;
    }

    private static JsonNode awaitPush(LocalPushService.Subscription browser) {
        await().atMost(WAIT).until(() -> !browser.accepted.isEmpty());
        return browser.accepted.poll().message();
    }

    /// Every queued push has been sent or dropped.
    private static void awaitOutboxEmpty() {
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_outbox") == 0);
    }

    private static String sendSnap(User from, User to) {
        var sent = http.post("snaps", from.token(), Map.of("mediaId", uploadPhoto(from), "to", List.of(to.username()),
                "viewSeconds", 3));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().get("id").asText();
    }

    private static String postStory(User owner) {
        var posted = http.post("stories", owner.token(), Map.of("mediaId", uploadPhoto(owner), "caption", "news"));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }

    @Test
    void aSnapIsPushedEncryptedWithAVapidTokenAndNeverItsContent() throws Exception {
        var ana = person("Ana");
        var ben = person("Ben");
        befriend(ana, ben);
        var key = http.get("push/key", null).json().get("publicKey").asText();
        assertThat(java.util.Base64.getUrlDecoder().decode(key)).hasSize(65);
        var browser = subscribe(ben, "fr");
        service.requests.set(0);

        sendSnap(ana, ben);

        await().atMost(WAIT).until(() -> !browser.accepted.isEmpty());
        var push = browser.accepted.poll();
        var message = push.message();
        assertThat(message.get("title").asText()).isEqualTo("Nouveau snap");
        assertThat(message.get("body").asText()).isEqualTo("De Ana");
        assertThat(message.get("url").asText()).isEqualTo("/#/inbox");
        // The sender's picture as the icon (Ana has none: her generated one).
        assertThat(message.get("icon").asText()).isNotBlank();
        // Never the media: no URL to it, no caption, nothing but who sent it.
        assertThat(message.toString()).doesNotContain("/media/").doesNotContain("signature");
        assertThat(push.urgency()).isEqualTo("high");
        assertThat(push.topic()).isEqualTo("snap");
        // A snap sent to one friend lasts 30 days unopened; a push service is asked to keep it 28 at most.
        assertThat(push.ttl()).isEqualTo(28L * 24 * 3600);
        var claims = LocalPushService.vapidClaims(push, key);
        assertThat(claims.get("aud").asText()).isEqualTo(service.origin());
        assertThat(claims.get("sub").asText()).isNotBlank();
        var exp = claims.get("exp").asLong();
        assertThat(exp).isGreaterThan(clock.instant().getEpochSecond()).isLessThanOrEqualTo(clock.instant().getEpochSecond() + 24 * 3600);
        awaitOutboxEmpty();
        assertThat(service.requests.get()).isEqualTo(1);
    }

    @Test
    void aSecondSnapReplacesTheFirstWaitingOneByTopic() {
        var ana = person("Ana");
        var carl = person("Carl");
        var ben = person("Ben");
        befriend(ana, ben);
        befriend(carl, ben);
        befriend(ana, carl);
        var browser = subscribe(ben, "en");

        sendSnap(ana, ben);
        await().atMost(WAIT).until(() -> browser.accepted.size() == 1);
        sendSnap(carl, ben);
        await().atMost(WAIT).until(() -> browser.accepted.size() == 2);
        // Both went out under one Topic; the push service kept only the newest for the phone.
        assertThat(browser.accepted).extracting(LocalPushService.Push::topic).containsOnly("snap");
        var waiting = browser.waiting();
        assertThat(waiting).hasSize(1);
        assertThat(waiting.getFirst().message().get("body").asText()).isEqualTo("From Carl");
        // A snap to several friends is gone after 24 h: so is its notification, waiting or not.
        var group = http.post("snaps", ana.token(), Map.of("mediaId", uploadPhoto(ana), "to", List.of(ben.username(),
                carl.username()), "viewSeconds", 3));
        assertThat(group.status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> browser.accepted.size() == 3);
        assertThat(browser.accepted.stream().toList().getLast().ttl()).isEqualTo(24L * 3600);
    }

    @Test
    void chatSaysWhoButTheTextOnlyWhenTheUserOptsIn() {
        var ana = person("Ana");
        var ben = person("Ben");
        befriend(ana, ben);
        var browser = subscribe(ben, "en");

        http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "see you at 8"));
        var first = awaitPush(browser);
        assertThat(first.get("title").asText()).isEqualTo("New message");
        assertThat(first.get("body").asText()).isEqualTo("From Ana");
        assertThat(first.toString()).doesNotContain("see you at 8");
        assertThat(first.get("url").asText()).isEqualTo("/#/chat/" + ana.username());

        var settings = http.patch("push/settings", ben.token(), Map.of("chatText", true));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertThat(settings.json().get("chatText").asBoolean()).isTrue();
        http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "bring the map"));
        assertThat(awaitPush(browser).get("body").asText()).isEqualTo("Ana : bring the map");
    }

    @Test
    void friendRequestsAcceptancesScreenshotsAndSettingsTurningThemOff() {
        var ana = person("Ana");
        var ben = person("Ben");
        var anaBrowser = subscribe(ana, "en");
        var benBrowser = subscribe(ben, "fr");

        var request = http.post("friends/requests", ana.token(), Map.of("username", ben.username()));
        var asked = awaitPush(benBrowser);
        assertThat(asked.get("title").asText()).isEqualTo("Demande d'ami");
        assertThat(asked.get("body").asText()).isEqualTo("Ana veut devenir votre ami·e");
        http.post("friends/requests/" + request.json().get("id").asText() + "/accept", ben.token(), null);
        var accepted = awaitPush(anaBrowser);
        assertThat(accepted.get("title").asText()).isEqualTo("New friend");
        assertThat(accepted.get("body").asText()).isEqualTo("Ben accepted your request");

        var snapId = sendSnap(ana, ben);
        awaitPush(benBrowser);
        assertThat(http.post("snaps/" + snapId + "/open", ben.token(), null).status()).isEqualTo(200);
        assertThat(http.post("snaps/" + snapId + "/screenshot", ben.token(), null).status()).isEqualTo(204);
        var shot = awaitPush(anaBrowser);
        assertThat(shot.get("title").asText()).isEqualTo("Screenshot");
        assertThat(shot.get("body").asText()).isEqualTo("Ben took a screenshot of your snap");

        // Snaps turned off: the next snap is not pushed (a chat message still is).
        http.patch("push/settings", ben.token(), Map.of("snaps", false));
        sendSnap(ana, ben);
        awaitOutboxEmpty();
        assertThat(benBrowser.accepted).isEmpty();
        http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "hello"));
        assertThat(awaitPush(benBrowser).get("title").asText()).isEqualTo("Nouveau message");
    }

    @Test
    void storiesOfFriendsOnlyWhenOptedInAndOfSubscriptionsUnlessMuted() {
        var city = official("Toulouse", "city", "Toulouse");
        var ana = person("Ana");
        var ben = person("Ben");
        befriend(ana, ben);
        assertThat(http.put("subscriptions/" + city.username(), ben.token()).status()).isEqualTo(204);
        var browser = subscribe(ben, "en");

        postStory(ana);
        awaitOutboxEmpty();
        assertThat(browser.accepted).as("friends' stories are opt-in").isEmpty();

        http.patch("push/settings", ben.token(), Map.of("friendStories", true));
        postStory(ana);
        var story = awaitPush(browser);
        assertThat(story.get("title").asText()).isEqualTo("New story");
        assertThat(story.get("body").asText()).isEqualTo("Ana posted a story");

        postStory(city);
        assertThat(awaitPush(browser).get("body").asText()).isEqualTo("Toulouse posted a story");

        var mute = http.send("PUT", "push/stories/" + city.username(), ben.token(), Map.of("notify", false));
        assertThat(mute.status()).as(mute.toString()).isEqualTo(204);
        assertThat(http.get("push/settings", ben.token()).json().get("mutedStories").get(0).asText()).isEqualTo(city.username());
        postStory(city);
        awaitOutboxEmpty();
        assertThat(browser.accepted).isEmpty();
    }

    @Test
    void communityDecisionsArePushedToTheSubmitter() {
        var city = official("Toulouse", "city", "Toulouse");
        var ana = person("Ana");
        var browser = subscribe(ana, "en");
        var submissions = "accounts/" + city.username() + "/community/submissions";
        var first = http.post(submissions, ana.token(), Map.of("mediaId", uploadPhoto(ana)));
        var second = http.post(submissions, ana.token(), Map.of("mediaId", uploadPhoto(ana)));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        http.post(submissions + "/" + first.json().get("id").asText() + "/approve", city.token(), null);
        var approved = awaitPush(browser);
        assertThat(approved.get("title").asText()).isEqualTo("Submission approved");
        http.post(submissions + "/" + second.json().get("id").asText() + "/reject", city.token(), null);
        var rejected = awaitPush(browser);
        assertThat(rejected.get("title").asText()).isEqualTo("Submission declined");
        assertThat(rejected.get("body").asText()).isEqualTo("Toulouse did not keep your submission");
    }

    @Test
    void aMinorGetsNotificationsWithoutPreviewsUnlessTheyTurnThemOn() {
        var ana = person("Ana");
        var teen = personAged("Teen", 15);
        befriend(ana, teen);
        var browser = subscribe(teen, "en");
        assertThat(http.get("push/settings", teen.token()).json().get("previews").asBoolean()).isFalse();
        assertThat(http.get("push/settings", ana.token()).json().get("previews").asBoolean()).isTrue();

        sendSnap(ana, teen);
        var generic = awaitPush(browser);
        assertThat(generic.get("body").asText()).isEqualTo("Open Pastel to see it");
        assertThat(generic.toString()).doesNotContain("Ana");
        assertThat(generic.has("icon")).as("the sender's picture says who as much as the name").isFalse();

        http.patch("push/settings", teen.token(), Map.of("previews", true));
        sendSnap(ana, teen);
        assertThat(awaitPush(browser).get("body").asText()).isEqualTo("From Ana");
    }

    @Test
    void aBlockStopsPushesAlreadyQueuedAndGoneContentIsNotPushed() {
        var ana = person("Ana");
        var ben = person("Ben");
        befriend(ana, ben);
        var browser = subscribe(ben, "en");

        // The push service is down: the snap's push waits for a retry...
        browser.answers.add(503);
        var snapId = sendSnap(ana, ben);
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_outbox WHERE attempts = 1") == 1);
        // ...meanwhile Ben opens the snap in the app: by the retry there is nothing new to tell.
        assertThat(http.post("snaps/" + snapId + "/open", ben.token(), null).status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(1));
        awaitOutboxEmpty();
        assertThat(browser.accepted).isEmpty();

        // The same with a block in between.
        browser.answers.add(503);
        http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "hey"));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_outbox WHERE attempts = 1") == 1);
        assertThat(http.post("blocks", ben.token(), Map.of("username", ana.username())).status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(1));
        awaitOutboxEmpty();
        assertThat(browser.accepted).isEmpty();
    }

    @Test
    void retriesWithBackOffOn429And5xxAndTheSubscriptionGoesOn410() {
        var ana = person("Ana");
        var ben = person("Ben");
        befriend(ana, ben);
        var browser = subscribe(ben, "en");

        browser.answers.add(429);
        browser.answers.add(500);
        sendSnap(ana, ben);
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_outbox WHERE attempts = 1") == 1);
        // Not before its back-off: the clock has not moved, nothing is sent again.
        var dueAt = count("SELECT due_at FROM push_outbox");
        assertThat(dueAt).isGreaterThanOrEqualTo(clock.millis() + 5_000);
        clock.advance(Duration.ofSeconds(6));
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_outbox WHERE attempts = 2") == 1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(awaitPush(browser).get("title").asText()).isEqualTo("New snap");
        awaitOutboxEmpty();

        // The browser unsubscribed: the push service answers 410 and Pastel forgets the subscription.
        browser.gone = true;
        sendSnap(ana, ben);
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM push_subscription WHERE account_id = ?", ben.id()) == 0);
        assertThat(count("SELECT COUNT(*) FROM push_outbox")).isZero();
    }

    @Test
    void aVisitorFollowsAPublicAccountWithoutAnAccountAndCanStop() {
        var city = official("Toulouse", "city", "Toulouse");
        var visitor = service.subscribe();
        var follow = new HashMap<String, Object>(visitor.json());
        follow.put("follow", city.username());
        follow.put("lang", "fr");
        assertThat(http.send("PUT", "push/subscriptions", null, follow).status()).isEqualTo(204);
        assertThat(http.get("accounts/" + city.username() + "/insights/summary", city.token()).json()
                .get("pushFollowers").asLong()).isEqualTo(1);
        var listed = http.post("push/subscriptions/follows", null, visitor.json());
        assertThat(listed.json().get("follows").get(0).asText()).isEqualTo(city.username());

        postStory(city);
        var story = awaitPush(visitor);
        assertThat(story.get("title").asText()).isEqualTo("Nouvelle story");
        assertThat(story.get("body").asText()).isEqualTo("Toulouse a publié une story");
        assertThat(story.get("url").asText()).isEqualTo("/@" + city.username());
        assertThat(story.get("follow").asText()).isEqualTo(city.username());

        // Someone who does not hold the subscription's auth secret cannot remove it.
        var stranger = Map.of("endpoint", visitor.endpoint(), "keys", Map.of("p256dh", visitor.p256dh(), "auth", "AAAAAAAAAAAAAAAAAAAAAA"),
                "follow", city.username());
        assertThat(http.send("DELETE", "push/subscriptions", null, stranger).status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM push_follow")).isEqualTo(1);

        assertThat(http.send("DELETE", "push/subscriptions", null, follow).status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM push_subscription WHERE endpoint = ?", visitor.endpoint())).isZero();
        assertThat(http.get("accounts/" + city.username() + "/insights/summary", city.token()).json()
                .get("pushFollowers").asLong()).isZero();
        postStory(city);
        awaitOutboxEmpty();
        assertThat(visitor.accepted).isEmpty();
    }

    @Test
    void aSubscriptionEndsWithItsSessionAndItsAccount() {
        var ben = person("Ben");
        subscribe(ben, "en");
        assertThat(http.delete("sessions/current", ben.token()).status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM push_subscription WHERE account_id = ?", ben.id())).isZero();

        var token = signIn(ben.username());
        var again = new User(ben.username(), token, ben.id());
        var browser = subscribe(again, "en");
        var settings = http.patch("push/settings", token, Map.of("snaps", false));
        assertThat(settings.status()).isEqualTo(200);
        assertThat(http.send("DELETE", "me", token, Map.of("password", PASSWORD)).status()).isEqualTo(204);
        assertThat(count("SELECT COUNT(*) FROM push_subscription WHERE endpoint = ?", browser.endpoint())).isZero();
        assertThat(count("SELECT COUNT(*) FROM push_settings WHERE account_id = ?", ben.id())).isZero();
    }

    @Test
    void badSubscriptionsAreRefusedWithTheFieldAtFault() {
        var ben = person("Ben");
        var browser = service.subscribe();
        var plainHttp = Map.of("endpoint", "http://push.example.net/x", "keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth()));
        var refused = http.send("PUT", "push/subscriptions", ben.token(), plainHttp);
        assertProblem(refused, 400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("endpoint");
        var privateNetwork = Map.of("endpoint", "https://10.0.0.7/x", "keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth()));
        assertProblem(http.send("PUT", "push/subscriptions", ben.token(), privateNetwork), 400);
        var badKey = Map.of("endpoint", browser.endpoint(), "keys", Map.of("p256dh", "AAAA", "auth", "short"));
        var keys = http.send("PUT", "push/subscriptions", ben.token(), badKey);
        assertProblem(keys, 400);
        assertThat(keys.json().get("errors")).hasSize(2);
        assertProblem(http.send("PUT", "push/subscriptions", null, browser.json()), 401);
        var unknown = new HashMap<String, Object>(browser.json());
        unknown.put("follow", "nobody_here");
        assertProblem(http.send("PUT", "push/subscriptions", null, unknown), 404);
        var personal = new HashMap<String, Object>(browser.json());
        personal.put("follow", ben.username());
        assertProblem(http.send("PUT", "push/subscriptions", null, personal), 404);
    }
}
