package pastel.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

/// The city of Toulouse on Pastel, end to end through HTTP: subscribers, three public items,
/// 45 viewers of mixed ages, and the insights the community manager reads afterwards.
class ToulouseScenarioTest extends ServerTest {

    @Test
    void theCityMeasuresItsReach() {
        var admin = person("operator");
        makeAdmin(admin);
        var toulouse = signUp(Map.of("username", "toulouse", "password", PASSWORD, "displayName", "Toulouse",
                "birthDate", "1970-01-01", "kind", "public", "category", "city", "city", "Toulouse"));
        var nice = signUp(Map.of("username", "nice", "password", PASSWORD, "displayName", "Nice",
                "birthDate", "1970-01-01", "kind", "public", "category", "city", "city", "Nice"));
        var lyon = signUp(Map.of("username", "lyon", "password", PASSWORD, "displayName", "Lyon",
                "birthDate", "1970-01-01", "kind", "public", "category", "city", "city", "Lyon"));
        assertThat(http.post("admin/accounts/toulouse/verify", admin.token(), null).status()).isEqualTo(204);

        // 45 viewers: 6 aged 13-17, 20 aged 18-24, 12 aged 25-34, 7 aged 35+; the first 30 subscribe.
        var viewers = new ArrayList<User>();
        int[][] bands = {{6, 16}, {20, 21}, {12, 29}, {7, 52}};
        for (var band : bands) {
            for (int i = 0; i < band[0]; i++) viewers.add(personAged("v", band[1]));
        }
        var subscribers = new ArrayList<User>(viewers.subList(0, 30));
        for (int i = 0; i < 30; i++) subscribers.add(personAged("s", 30));
        for (var s : subscribers) {
            assertThat(http.put("subscriptions/toulouse", s.token()).status()).isEqualTo(204);
        }
        for (var s : subscribers.subList(0, 20)) http.put("subscriptions/nice", s.token());
        for (var s : subscribers.subList(0, 10)) http.put("subscriptions/lyon", s.token());
        assertThat(http.get("accounts/toulouse", null).json().get("subscriberCount").asLong()).isEqualTo(60);

        var items = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var posted = http.post("stories", toulouse.token(), Map.of("mediaId", uploadPhoto(toulouse),
                    "caption", "Toulouse #" + (i + 1)));
            assertThat(posted.status()).isEqualTo(201);
            assertThat(posted.json().get("audience").asText()).isEqualTo("public");
            items.add(posted.json().get("id").asText());
            clock.advance(Duration.ofMinutes(1));
        }
        var first = items.getFirst();
        for (int i = 0; i < viewers.size(); i++) {
            var completed = i < 30;
            var view = http.post("stories/" + first + "/views", viewers.get(i).token(),
                    Map.of("watchedMs", completed ? 5000 : 2000, "completed", completed));
            assertThat(view.status()).isEqualTo(204);
        }
        for (var repeat : viewers.subList(35, 40)) {
            http.post("stories/" + first + "/views", repeat.token(), Map.of("watchedMs", 1000, "completed", false));
        }

        checkInsights(toulouse, first);

        var board = http.get("leaderboard?category=city", null).json();
        assertThat(board.findValuesAsText("username")).containsSubsequence("toulouse", "nice", "lyon");
        assertThat(board.get(0).get("username").asText()).isEqualTo("toulouse");
        assertThat(board.get(0).get("subscriberCount").asLong()).isEqualTo(60);
        assertThat(board.get(1).get("subscriberCount").asLong()).isEqualTo(20);
        assertThat(board.get(2).get("subscriberCount").asLong()).isEqualTo(10);
        assertThat(http.get("discover?q=toulouse", null).json().get(0).get("verified").asBoolean()).isTrue();

        // The items go after 24 hours; their numbers stay, with no viewer identities left.
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        app.sweeper().sweepNow();
        assertThat(count("SELECT COUNT(*) FROM story_item WHERE account_id = ?", toulouse.id())).isZero();
        assertThat(count("SELECT COUNT(*) FROM story_view WHERE account_id = ?", toulouse.id())).isZero();
        var back = signIn("toulouse");
        checkInsights(new User("toulouse", back, toulouse.id()), first);
        assertThat(nice.id()).isNotEqualTo(lyon.id());
    }

    private static void checkInsights(User toulouse, String first) {
        var perItem = http.get("accounts/toulouse/insights/stories?days=7", toulouse.token());
        assertThat(perItem.status()).as(perItem.toString()).isEqualTo(200);
        assertThat(perItem.json()).hasSize(3);
        var item = perItem.json().get(0);
        assertThat(item.get("id").asText()).isEqualTo(first);
        assertThat(item.get("views").asLong()).isEqualTo(50);
        assertThat(item.get("uniqueViewers").asLong()).isEqualTo(45);
        assertThat(item.get("completionRate").asDouble()).isCloseTo(30.0 / 45, within(1e-9));
        assertThat(item.get("avgWatchMs").asLong()).isEqualTo((30 * 5000 + 15 * 2000) / 45);
        assertThat(perItem.json().get(1).get("views").asLong()).isZero();

        var summary = http.get("accounts/toulouse/insights/summary?days=7", toulouse.token()).json();
        assertThat(summary.get("subscribers").asLong()).isEqualTo(60);
        assertThat(summary.get("subscribersGained").asLong()).isEqualTo(60);
        assertThat(summary.get("subscribersLost").asLong()).isZero();
        assertThat(summary.get("views").asLong()).isEqualTo(50);
        assertThat(summary.get("uniqueViewers").asLong()).isEqualTo(45);
        assertThat(summary.get("completionRate").asDouble()).isCloseTo(30.0 / 45, within(1e-9));
        var ages = summary.get("audience").get("ageBands");
        assertThat(ages.get("13-17").asText()).isEqualTo("suppressed");
        assertThat(ages.get("18-24").asLong()).isEqualTo(20);
        assertThat(ages.get("25-34").asLong()).isEqualTo(12);
        assertThat(ages.get("35+").asText()).isEqualTo("suppressed");
        var share = summary.get("audience").get("subscriberShare");
        assertThat(share.get("subscribers").asLong()).isEqualTo(30);
        assertThat(share.get("others").asLong()).isEqualTo(15);

        var daily = http.get("accounts/toulouse/insights/daily?days=2", toulouse.token()).json();
        assertThat(daily).hasSize(2);
        var viewDay = java.time.LocalDate.ofInstant(START, java.time.ZoneOffset.UTC).toString();
        var day = findDay(daily, viewDay);
        assertThat(day.get("views").asLong()).isEqualTo(50);
        assertThat(day.get("uniqueViewers").asLong()).isEqualTo(45);
        assertThat(day.get("subscribersGained").asLong()).isEqualTo(60);

        var summaryCsv = csvLines(toulouse, "summary");
        assertThat(summaryCsv).contains("views,50", "uniqueViewers,45", "subscribers,60");
        assertThat(csvLines(toulouse, "audience")).contains("age,13-17,suppressed", "age,18-24,20", "age,25-34,12",
                "age,35+,suppressed", "subscription,subscribers,30", "subscription,others,15");
        assertThat(csvLines(toulouse, "stories")).anyMatch(l -> l.startsWith(first + ",") && l.contains(",50,45,"));
        assertThat(csvLines(toulouse, "daily")).anyMatch(l -> l.startsWith(viewDay + ",50,45,60,0"));
        assertProblem(http.get("accounts/toulouse/insights/summary?days=91", toulouse.token()), 400);
        assertProblem(http.get("accounts/toulouse/insights/summary?days=0", toulouse.token()), 400);
    }

    private static List<String> csvLines(User toulouse, String table) {
        var csv = http.get("accounts/toulouse/insights/export.csv?days=7&table=" + table, toulouse.token());
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        return List.of(csv.body().split("\r\n"));
    }

    private static com.fasterxml.jackson.databind.JsonNode findDay(com.fasterxml.jackson.databind.JsonNode daily, String date) {
        for (var day : daily) if (day.get("date").asText().equals(date)) return day;
        throw new AssertionError("no day " + date + " in " + daily);
    }
}
