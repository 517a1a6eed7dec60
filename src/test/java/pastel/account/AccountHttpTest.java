package pastel.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class AccountHttpTest extends ServerTest {

    private static Map<String, Object> form(String username, int age) {
        var form = new LinkedHashMap<String, Object>();
        form.put("username", username);
        form.put("password", PASSWORD);
        form.put("displayName", "Someone");
        form.put("birthDate", bornYearsAgo(age).toString());
        return form;
    }

    @Test
    void signUpReturnsTheAccountWithoutItsPasswordAndStoresAnArgon2idHash() {
        var name = uniqueName("Camille");
        var created = http.post("accounts", null, form(name, 20));
        assertThat(created.status()).isEqualTo(201);
        var json = created.json();
        assertThat(json.get("username").asText()).isEqualTo(name.toLowerCase());
        assertThat(json.get("kind").asText()).isEqualTo("personal");
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("password");
        var hash = app.database().jdbi().withHandle(h -> h.createQuery("SELECT password_hash FROM account WHERE username = :u")
                .bind("u", name.toLowerCase()).mapTo(String.class).one());
        assertThat(hash).startsWith("$argon2id$v=19$").doesNotContain(PASSWORD);
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        var name = uniqueName("dup");
        assertThat(http.post("accounts", null, form(name, 20)).status()).isEqualTo(201);
        var again = http.post("accounts", null, form(name.toUpperCase(), 20));
        assertProblem(again, 409);
    }

    @Test
    void aTwelveYearOldIsRefusedWithAFieldErrorAndAFifteenYearOldMayRegister() {
        var child = http.post("accounts", null, form(uniqueName("kid"), 12));
        assertProblem(child, 400);
        assertThat(child.json().get("errors")).anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo("birthDate"));

        var teen = http.post("accounts", null, form(uniqueName("teen"), 15));
        assertThat(teen.status()).isEqualTo(201);
    }

    @Test
    void everyBrokenRuleIsReportedPerField() {
        var response = http.post("accounts", null, Map.of(
                "username", "A!", "password", "short", "displayName", " ", "birthDate", "31/12/2000"));
        assertProblem(response, 400);
        var fields = response.json().get("errors").findValuesAsText("field");
        assertThat(fields).containsExactlyInAnyOrder("username", "password", "displayName", "birthDate");
    }

    @Test
    void usernameRulesAreEnforced() {
        for (var bad : List.of("ab", "a".repeat(31), "with space", "émile", "dash-name")) {
            assertProblem(http.post("accounts", null, form(bad, 20)), 400);
        }
        assertThat(http.post("accounts", null, form("ok." + uniqueName("x"), 20)).status()).isEqualTo(201);
    }

    @Test
    void displayNameIsOneToSixtyFourCharacters() {
        var tooLong = form(uniqueName("dn"), 20);
        tooLong.put("displayName", "é".repeat(65));
        assertProblem(http.post("accounts", null, tooLong), 400);
        var longest = form(uniqueName("dn"), 20);
        longest.put("displayName", "é".repeat(64));
        assertThat(http.post("accounts", null, longest).status()).isEqualTo(201);
    }

    @Test
    void publicAccountsNeedACategoryACityAndAnAdultOwner() {
        var missing = form(uniqueName("city"), 30);
        missing.put("kind", "public");
        var response = http.post("accounts", null, missing);
        assertProblem(response, 400);
        assertThat(response.json().get("errors").findValuesAsText("field")).contains("category", "city");

        var young = form(uniqueName("young"), 15);
        young.putAll(Map.of("kind", "public", "category", "creator", "city", "Toulouse"));
        assertProblem(http.post("accounts", null, young), 400);

        var ok = form(uniqueName("mairie"), 30);
        ok.putAll(Map.of("kind", "public", "category", "city", "city", "Toulouse", "bio", "La ville"));
        var created = http.post("accounts", null, ok);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("category").asText()).isEqualTo("city");
    }

    @Test
    void anOfficialAccountOfAnOwnerUnderEighteenIsRefusedAtTheBirthDateAndItsWebsiteMustBeHttp() {
        var seventeen = form(uniqueName("lycee"), 17);
        seventeen.putAll(Map.of("kind", "public", "category", "association", "city", "Albi"));
        var refused = http.post("accounts", null, seventeen);
        assertProblem(refused, 400);
        var error = refused.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("birthDate");
        assertThat(error.get("code").asText()).isEqualTo("too-young");
        assertThat(error.get("limit").asInt()).isEqualTo(18);
        // The same person may have a personal account.
        seventeen.keySet().removeAll(List.of("kind", "category", "city"));
        assertThat(http.post("accounts", null, seventeen).status()).isEqualTo(201);

        for (var bad : List.of("javascript:alert(1)", "ftp://albi.fr", "albi.fr", "https://" + "a".repeat(200) + ".fr")) {
            var site = form(uniqueName("site"), 30);
            site.putAll(Map.of("kind", "public", "category", "city", "city", "Albi", "website", bad));
            var response = http.post("accounts", null, site);
            assertProblem(response, 400);
            assertThat(response.json().get("errors").findValuesAsText("field")).as(bad).containsExactly("website");
        }
        var ok = form(uniqueName("albi"), 30);
        ok.putAll(Map.of("kind", "public", "category", "city", "city", "Albi", "bio", "La ville", "website", "https://albi.fr"));
        var created = http.post("accounts", null, ok);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("website").asText()).isEqualTo("https://albi.fr");
        assertThat(created.json().get("bio").asText()).isEqualTo("La ville");
    }

    @Test
    void anOfficialAccountEditsItsCategoryCityBioAndWebsiteWithFieldErrors() {
        var city = official("edit", "city", "Albi");
        var changed = http.patch("me", city.token(), Map.of("category", "association", "city", "Castres",
                "bio", "Nouvelle bio", "website", "http://castres.fr/agenda"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        var profile = http.get("accounts/" + city.username(), null).json();
        assertThat(profile.get("category").asText()).isEqualTo("association");
        assertThat(profile.get("city").asText()).isEqualTo("Castres");
        assertThat(profile.get("bio").asText()).isEqualTo("Nouvelle bio");
        assertThat(profile.get("website").asText()).isEqualTo("http://castres.fr/agenda");

        var bad = http.patch("me", city.token(), Map.of("website", "javascript:alert(1)", "bio", "x".repeat(301),
                "category", "castle", "city", ""));
        assertProblem(bad, 400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("website", "bio", "category", "city");
        assertThat(http.get("accounts/" + city.username(), null).json().get("city").asText()).as("nothing saved").isEqualTo("Castres");

        // An empty website removes it.
        assertThat(http.patch("me", city.token(), Map.of("website", "")).json().get("website").isNull()).isTrue();
    }

    @Test
    void unknownEnumValuesAndWrongTypesAreFieldErrors() {
        var robot = form(uniqueName("r"), 20);
        robot.put("kind", "robot");
        var response = http.post("accounts", null, robot);
        assertProblem(response, 400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("kind");

        var numeric = form(uniqueName("n"), 20);
        numeric.put("displayName", 42);
        var typed = http.post("accounts", null, numeric);
        assertProblem(typed, 400);
        assertThat(typed.json().get("errors").get(0).get("field").asText()).isEqualTo("displayName");
    }

    @Test
    void meShowsAndChangesTheOwnAccount() {
        var user = person("meg");
        var me = http.get("me", user.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo(user.username());
        assertThat(me.json().get("birthDate").asText()).isNotBlank();

        var patched = http.patch("me", user.token(), Map.of("displayName", "Meg R.", "bio", "hello"));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().get("displayName").asText()).isEqualTo("Meg R.");
        assertThat(http.get("accounts/" + user.username(), null).json().get("bio").asText()).isEqualTo("hello");

        assertProblem(http.patch("me", user.token(), Map.of("username", "other")), 400);
        assertProblem(http.patch("me", user.token(), Map.of("displayName", "")), 400);
        assertProblem(http.patch("me", user.token(), Map.of("category", "city")), 400);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndSignsOutOtherDevices() {
        var user = person("pw");
        var otherDevice = signIn(user.username());
        assertThat(http.get("me", otherDevice).status()).isEqualTo(200);
        assertProblem(http.patch("me", user.token(), Map.of("password", "another long password")), 403);
        var changed = http.patch("me", user.token(),
                Map.of("password", "another long password", "currentPassword", PASSWORD));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(http.get("me", user.token()).status()).as("the device that changed it").isEqualTo(200);
        assertProblem(http.get("me", otherDevice), 401);
        assertThat(http.post("sessions", null, Map.of("username", user.username(), "password", "another long password"))
                .status()).isEqualTo(201);
    }

    @Test
    void profileShowsThePublicFieldsAndSubscriberCount() {
        var city = official("ville", "city", "Toulouse");
        var profile = http.get("accounts/" + city.username(), null);
        assertThat(profile.status()).isEqualTo(200);
        var json = profile.json();
        assertThat(json.get("username").asText()).isEqualTo(city.username());
        assertThat(json.get("kind").asText()).isEqualTo("public");
        assertThat(json.get("category").asText()).isEqualTo("city");
        assertThat(json.get("city").asText()).isEqualTo("Toulouse");
        assertThat(json.get("verified").asBoolean()).isFalse();
        assertThat(json.get("subscriberCount").asLong()).isZero();
        assertThat(json.has("birthDate")).isFalse();
        assertThat(json.has("id")).isFalse();

        assertProblem(http.get("accounts/nobody_here", null), 404);
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndRemovesEveryRowItOwns() {
        var leaving = person("leaving");
        var friend = person("stays");
        var city = official("cityhall", "city", "Albi");
        var request = http.post("friends/requests", leaving.token(), Map.of("username", friend.username()));
        http.post("friends/requests/" + request.json().get("id").asText() + "/accept", friend.token(), null);
        http.put("subscriptions/" + city.username(), leaving.token());
        http.post("blocks", leaving.token(), Map.of("username", person("blocked").username()));
        http.post("friends/requests", leaving.token(), Map.of("username", person("pending").username()));

        assertProblem(http.delete("me", leaving.token(), Map.of("password", "not the password")), 403);
        http.post("sessions", null, Map.of("username", leaving.username(), "password", "a wrong password"));
        assertThat(count("SELECT COUNT(*) FROM login_failure WHERE subject = ?", "u:" + leaving.username())).isOne();
        assertThat(http.delete("me", leaving.token(), Map.of("password", PASSWORD)).status()).isEqualTo(204);

        var id = leaving.id();
        assertThat(count("SELECT COUNT(*) FROM account WHERE id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM session WHERE account_id = ?", id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM friendship WHERE account_id = ? OR friend_id = ?", id, id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM friend_request WHERE from_id = ? OR to_id = ?", id, id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM subscription WHERE subscriber_id = ? OR account_id = ?", id, id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM block WHERE blocker_id = ? OR blocked_id = ?", id, id)).isZero();
        assertThat(count("SELECT COUNT(*) FROM login_failure WHERE subject = ?", "u:" + leaving.username())).isZero();

        assertProblem(http.get("me", leaving.token()), 401);
        assertProblem(http.get("accounts/" + leaving.username(), null), 404);
        assertThat(http.get("friends", friend.token()).json()).isEmpty();
        assertThat(http.get("accounts/" + city.username(), null).json().get("subscriberCount").asLong()).isZero();
    }
}
