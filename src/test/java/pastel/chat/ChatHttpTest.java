package pastel.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class ChatHttpTest extends ServerTest {

    private static String send(User from, User to, String text) {
        var sent = http.post("chats/" + to.username() + "/messages", from.token(), Map.of("text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        return sent.json().get("id").asText();
    }

    private static long rows(String id) {
        return count("SELECT COUNT(*) FROM chat_message WHERE id = ?", id);
    }

    @Test
    void friendsChatAndConversationsShowUnreadCounts() {
        var ana = person("ana");
        var ben = person("ben");
        befriend(ana, ben);
        send(ana, ben, "salut !");
        clock.advance(Duration.ofSeconds(1));
        send(ana, ben, "tu viens ce soir ?");
        var conversations = http.get("chats", ben.token()).json();
        assertThat(conversations.get(0).get("username").asText()).isEqualTo(ana.username());
        assertThat(conversations.get(0).get("unread").asLong()).isEqualTo(2);
        var messages = http.get("chats/" + ana.username() + "/messages?limit=1", ben.token()).json();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("text").asText()).isEqualTo("tu viens ce soir ?");
        var older = http.get("chats/" + ana.username() + "/messages?before=" + messages.get(0).get("id").asText(), ben.token()).json();
        assertThat(older.findValuesAsText("text")).containsExactly("salut !");
        assertThat(http.post("chats/" + ana.username() + "/read", ben.token(), null).status()).isEqualTo(204);
        assertThat(http.get("chats", ben.token()).json().get(0).get("unread").asLong()).isZero();
    }

    @Test
    void textRulesAndFriendsOnly() {
        var ana = person("rules");
        var ben = person("ruled");
        var stranger = person("stranger");
        befriend(ana, ben);
        assertProblem(http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "")), 400);
        assertProblem(http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "   \n ")), 400);
        assertProblem(http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "x".repeat(2001))), 400);
        assertThat(http.post("chats/" + ben.username() + "/messages", ana.token(), Map.of("text", "é".repeat(2000))).status())
                .isEqualTo(201);
        assertProblem(http.post("chats/" + stranger.username() + "/messages", ana.token(), Map.of("text", "hi")), 403);
    }

    @Test
    void aReadMessageGoes24HoursLaterAndAnUnreadOneAfter30Days() {
        var ana = person("reader");
        var ben = person("writer");
        befriend(ana, ben);
        var read = send(ben, ana, "read me");
        var unread = send(ana, ben, "never read");
        clock.advance(Duration.ofHours(1));
        http.post("chats/" + ben.username() + "/read", ana.token(), null);
        clock.advance(Duration.ofHours(24).minusMinutes(1));
        app.sweeper().sweepNow();
        assertThat(rows(read)).isOne();
        clock.advance(Duration.ofMinutes(2));
        app.sweeper().sweepNow();
        assertThat(rows(read)).isZero();
        assertThat(rows(unread)).isOne();
        clock.advance(Duration.ofDays(30));
        app.sweeper().sweepNow();
        assertThat(rows(unread)).isZero();
    }

    @Test
    void aSavedMessageSurvivesAndGoes24HoursAfterUnsave() {
        var ana = person("saver");
        var ben = person("saved");
        befriend(ana, ben);
        var id = send(ben, ana, "keep this address: 12 rue du Taur");
        assertThat(http.put("chats/" + ben.username() + "/messages/" + id + "/saved", ana.token()).status()).isEqualTo(204);
        http.post("chats/" + ben.username() + "/read", ana.token(), null);
        clock.advance(Duration.ofHours(48));
        app.sweeper().sweepNow();
        assertThat(rows(id)).isOne();
        var listed = http.get("chats/" + ben.username() + "/messages", ana.token()).json().get(0);
        assertThat(listed.get("savedByMe").asBoolean()).isTrue();
        assertThat(http.get("chats/" + ana.username() + "/messages", ben.token()).json().get(0).get("savedByThem").asBoolean()).isTrue();

        var ana2 = ana; // ana's session is 48 h old: still alive
        assertThat(http.delete("chats/" + ben.username() + "/messages/" + id + "/saved", ana2.token()).status()).isEqualTo(204);
        clock.advance(Duration.ofHours(23));
        app.sweeper().sweepNow();
        assertThat(rows(id)).isOne();
        clock.advance(Duration.ofHours(1).plusMinutes(1));
        app.sweeper().sweepNow();
        assertThat(rows(id)).isZero();
    }

    @Test
    void endingTheFriendshipOrBlockingDeletesTheChat() {
        var ana = person("ender");
        var ben = person("ended");
        var cat = person("blocked");
        befriend(ana, ben);
        befriend(ana, cat);
        var withBen = send(ana, ben, "bye");
        var withCat = send(cat, ana, "hey");
        http.delete("friends/" + ben.username(), ana.token());
        assertThat(rows(withBen)).isZero();
        http.post("blocks", ana.token(), Map.of("username", cat.username()));
        assertThat(rows(withCat)).isZero();
    }

    @Test
    void storyRepliesGoToAFriendsChatOrAnOfficialInboxAnsweredByItsManagers() {
        var ana = person("poster");
        var ben = person("replier");
        var stranger = person("outsider");
        befriend(ana, ben);
        var item = http.post("stories", ana.token(), Map.of("mediaId", uploadPhoto(ana))).json().get("id").asText();
        var reply = http.post("stories/" + item + "/replies", ben.token(), Map.of("text", "trop beau"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        var chat = http.get("chats/" + ben.username() + "/messages", ana.token()).json();
        assertThat(chat.get(0).get("text").asText()).isEqualTo("trop beau");
        assertThat(chat.get(0).get("storyItemId").asText()).isEqualTo(item);
        assertThat(http.post("stories/" + item + "/replies", stranger.token(), Map.of("text", "hi")).status()).isIn(403, 404);

        var city = official("mairie", "city", "Toulouse");
        var manager = person("cm");
        http.send("PUT", "accounts/" + city.username() + "/team/" + manager.username(), city.token(), Map.of("role", "manager"));
        var cityItem = http.post("stories", city.token(), Map.of("mediaId", uploadPhoto(city))).json().get("id").asText();
        assertThat(http.post("stories/" + cityItem + "/replies", stranger.token(), Map.of("text", "Quand est le marché ?"))
                .status()).isEqualTo(201);
        var inbox = http.get("chats?account=" + city.username(), manager.token()).json();
        assertThat(inbox.get(0).get("username").asText()).isEqualTo(stranger.username());
        clock.advance(Duration.ofSeconds(5));
        var answer = http.post("chats/" + stranger.username() + "/messages?account=" + city.username(), manager.token(),
                Map.of("text", "Le samedi matin !"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        var seen = http.get("chats/" + city.username() + "/messages", stranger.token()).json();
        assertThat(seen.get(0).get("from").asText()).isEqualTo(city.username());
        assertThat(seen.get(0).get("text").asText()).isEqualTo("Le samedi matin !");
        assertThat(http.get("accounts/" + city.username() + "/audit", city.token()).json().findValuesAsText("action"))
                .contains("chat.send");
        assertProblem(http.get("chats?account=" + city.username(), stranger.token()), 403);
        var perItem = http.get("accounts/" + city.username() + "/insights/stories", city.token()).json();
        assertThat(perItem.get(0).get("replies").asLong()).isEqualTo(1);
    }
}
