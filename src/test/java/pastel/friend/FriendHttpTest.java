package pastel.friend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;

class FriendHttpTest extends ServerTest {

    private static String requestId(User from, User to) {
        var response = http.post("friends/requests", from.token(), Map.of("username", to.username()));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    @Test
    void requestThenAcceptMakesBothFriends() {
        var ana = person("ana");
        var ben = person("ben");
        var id = requestId(ana, ben);

        var requests = http.get("friends/requests", ben.token()).json();
        assertThat(requests.get("incoming")).hasSize(1);
        assertThat(requests.get("incoming").get(0).get("from").get("username").asText()).isEqualTo(ana.username());
        assertThat(http.get("friends/requests", ana.token()).json().get("outgoing").get(0).get("id").asText()).isEqualTo(id);

        // Only the recipient may accept.
        assertProblem(http.post("friends/requests/" + id + "/accept", ana.token(), null), 404);
        var accepted = http.post("friends/requests/" + id + "/accept", ben.token(), null);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("username").asText()).isEqualTo(ana.username());

        assertThat(http.get("friends", ana.token()).json().findValuesAsText("username")).containsExactly(ben.username());
        assertThat(http.get("friends", ben.token()).json().findValuesAsText("username")).containsExactly(ana.username());
        assertThat(http.get("friends/requests", ben.token()).json().get("incoming")).isEmpty();
    }

    @Test
    void askingSomeoneWhoAlreadyAskedYouAcceptsTheirRequest() {
        var cleo = person("cleo");
        var dan = person("dan");
        requestId(cleo, dan);
        var reverse = http.post("friends/requests", dan.token(), Map.of("username", cleo.username()));
        assertThat(reverse.status()).isEqualTo(200);
        assertThat(reverse.json().get("username").asText()).isEqualTo(cleo.username());
        assertThat(http.get("friends", cleo.token()).json().findValuesAsText("username")).containsExactly(dan.username());
        assertThat(count("SELECT COUNT(*) FROM friend_request WHERE from_id IN (?, ?)", cleo.id(), dan.id())).isZero();
    }

    @Test
    void declineAndCancelRemoveTheRequest() {
        var eve = person("eve");
        var fay = person("fay");
        var id = requestId(eve, fay);
        assertProblem(http.post("friends/requests/" + id + "/decline", eve.token(), null), 404);
        assertThat(http.post("friends/requests/" + id + "/decline", fay.token(), null).status()).isEqualTo(204);
        assertThat(http.get("friends", eve.token()).json()).isEmpty();
        assertProblem(http.post("friends/requests/" + id + "/accept", fay.token(), null), 404);

        var again = requestId(eve, fay);
        assertThat(http.delete("friends/requests/" + again, eve.token()).status()).isEqualTo(204);
        assertThat(http.get("friends/requests", fay.token()).json().get("incoming")).isEmpty();
    }

    @Test
    void duplicatesSelfAndUnknownAreRefusedClearly() {
        var gus = person("gus");
        var hal = person("hal");
        requestId(gus, hal);
        assertProblem(http.post("friends/requests", gus.token(), Map.of("username", hal.username())), 409);
        assertProblem(http.post("friends/requests", gus.token(), Map.of("username", gus.username())), 400);
        assertProblem(http.post("friends/requests", gus.token(), Map.of("username", "no_such_person")), 404);
        assertProblem(http.post("friends/requests", gus.token(), Map.of()), 400);
        var city = official("town", "city", "Pau");
        assertProblem(http.post("friends/requests", gus.token(), Map.of("username", city.username())), 400);
    }

    @Test
    void alreadyFriendsIsAConflictAndRemovalEndsItForBoth() {
        var ivy = person("ivy");
        var jon = person("jon");
        http.post("friends/requests/" + requestId(ivy, jon) + "/accept", jon.token(), null);
        assertProblem(http.post("friends/requests", jon.token(), Map.of("username", ivy.username())), 409);

        assertThat(http.delete("friends/" + jon.username(), ivy.token()).status()).isEqualTo(204);
        assertThat(http.get("friends", jon.token()).json()).isEmpty();
        assertProblem(http.delete("friends/" + jon.username(), ivy.token()), 404);
    }

    @Test
    void friendListsNeedASession() {
        assertProblem(http.get("friends", null), 401);
        assertProblem(http.post("friends/requests", null, Map.of("username", "x")), 401);
    }
}
