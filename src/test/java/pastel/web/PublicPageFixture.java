package pastel.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import pastel.support.Http;
import pastel.support.TestMedia;

/// A city's public page as a visitor finds it: a bio, subscribers, two photos and a captioned
/// video in its story (each with a text alternative), a highlight and an approved community item.
/// Made through the API only, for the browser test and Lighthouse.
record PublicPageFixture(String city, String cityToken, String resident, String residentToken, String photoAlt,
                         String videoAlt) {
    static final String PASSWORD = "a long enough password";
    static final String VTT = "WEBVTT\n\n00:00.000 --> 00:02.000\nBienvenue au Capitole !\n";

    static PublicPageFixture create(Http http) throws Exception {
        var suffix = "_" + System.nanoTime() % 100000;
        var city = "toulouse" + suffix;
        var cityToken = account(http, city, "Toulouse", true);
        assertThat(http.patch("me", cityToken, Map.of("bio", "La ville rose : sorties, travaux, fêtes. Official account of the city.")).status())
                .isEqualTo(200);
        var resident = "resident" + suffix;
        var residentToken = account(http, resident, "Camille", false);
        for (int i = 0; i < 3; i++) {
            assertThat(http.put("subscriptions/" + city + "?source=page", account(http, "fan" + i + suffix, "Fan " + i, false))
                    .status()).isEqualTo(204);
        }
        var photoAlt = "The Capitole square at dusk, its pink brick facade lit up and people walking across";
        var first = post(http, cityToken, photo(http, cityToken, 1080, 1920), "Fête de la musique ce soir", photoAlt);
        post(http, cityToken, photo(http, cityToken, 1080, 1350), "Travaux rue d'Alsace-Lorraine",
                "Road works barriers on a shopping street, a detour sign pointing left");
        var dir = Files.createTempDirectory("fixture");
        var video = http.upload(cityToken, TestMedia.mp4WithLocation(dir, 2), "video/mp4").json().get("id").asText();
        var captions = http.send("PUT", "media/" + video + "/captions", cityToken, VTT.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "text/vtt"));
        assertThat(captions.status()).as(captions.toString()).isEqualTo(204);
        var videoAlt = "The mayor speaking on a stage in front of the crowd";
        post(http, cityToken, video, "Le mot du maire", videoAlt);
        assertThat(http.put("stories/" + first + "/highlight", cityToken).status()).isEqualTo(204);
        var submitted = http.post("accounts/" + city + "/community/submissions", residentToken,
                Map.of("mediaId", photo(http, residentToken, 1080, 1920), "caption", "Mon quartier",
                        "alt", "A quiet street of pink brick houses with bicycles leaning on a wall"));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(http.post("accounts/" + city + "/community/submissions/" + submitted.json().get("id").asText() + "/approve",
                cityToken, null).status()).isEqualTo(204);
        return new PublicPageFixture(city, cityToken, resident, residentToken, photoAlt, videoAlt);
    }

    private static String account(Http http, String username, String name, boolean official) {
        var form = new java.util.HashMap<String, Object>(Map.of("username", username, "password", PASSWORD, "displayName", name,
                "birthDate", "1985-03-01"));
        if (official) form.putAll(Map.of("kind", "public", "category", "city", "city", "Toulouse"));
        var created = http.post("accounts", null, form);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return http.post("sessions", null, Map.of("username", username, "password", PASSWORD)).json().get("token").asText();
    }

    private static String photo(Http http, String token, int width, int height) throws Exception {
        var uploaded = http.upload(token, TestMedia.noisyJpeg(width, height), "image/jpeg");
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        return uploaded.json().get("id").asText();
    }

    private static String post(Http http, String token, String mediaId, String caption, String alt) {
        var posted = http.post("stories", token, Map.of("mediaId", mediaId, "caption", caption, "alt", alt));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        return posted.json().get("id").asText();
    }
}
