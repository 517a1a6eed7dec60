package pastel.geofilter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pastel.support.ServerTest;
import pastel.support.TestMedia;

class GeofilterHttpTest extends ServerTest {
    // Place du Capitole, Toulouse.
    static final double LAT = 43.6045, LON = 1.4442;

    private static String png(User owner, int width, int height) throws Exception {
        var response = http.upload(owner.token(), TestMedia.transparentPng(width, height), "image/png");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    /// A square of `half` degrees around the Capitole, with a small hole east of it.
    private static Map<String, Object> area(double half, boolean withHole) {
        var outer = List.of(List.of(LON - half, LAT - half), List.of(LON + half, LAT - half),
                List.of(LON + half, LAT + half), List.of(LON - half, LAT + half), List.of(LON - half, LAT - half));
        var hole = List.of(List.of(LON + 0.001, LAT - 0.0005), List.of(LON + 0.002, LAT - 0.0005),
                List.of(LON + 0.002, LAT + 0.0005), List.of(LON + 0.001, LAT + 0.0005), List.of(LON + 0.001, LAT - 0.0005));
        return Map.of("type", "Polygon", "coordinates", withHole ? List.of(outer, hole) : List.of(outer));
    }

    private static Map<String, Object> form(String mediaId, Object area, Duration length) {
        var starts = clock.instant().minusSeconds(60);
        return Map.of("mediaId", mediaId, "name", "Fête de la musique", "area", area,
                "startsAt", starts.toString(), "endsAt", starts.plus(length).toString());
    }

    private static List<String> at(double lat, double lon) {
        var found = http.get("geofilters?lat=" + lat + "&lon=" + lon, null);
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        return found.json().findValuesAsText("id");
    }

    @Test
    void aVerifiedCityPublishesAtOnceAndTheFilterIsFoundOnlyWhereAndWhenItApplies() throws Exception {
        var city = official("capitole", "city", "Toulouse");
        verify(city);
        var created = http.post("accounts/" + city.username() + "/geofilters", city.token(),
                form(png(city, 1080, 1920), area(0.01, true), Duration.ofDays(2)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("status").asText()).isEqualTo("active");
        var id = created.json().get("id").asText();

        assertThat(at(LAT, LON)).contains(id);
        assertThat(at(LAT + 0.045, LON)).as("5 km north").doesNotContain(id);
        assertThat(at(LAT, LON + 0.0015)).as("inside the hole").doesNotContain(id);
        assertThat(http.fetchBytes(http.get("geofilters?lat=" + LAT + "&lon=" + LON, null).json().get(0)
                .get("imageUrl").asText()).statusCode()).isEqualTo(200);

        // Usage is counted when a snap is sent with it.
        var friend = person("sender");
        var other = person("receiver");
        befriend(friend, other);
        var snap = http.post("snaps", friend.token(), Map.of("mediaId", uploadPhoto(friend), "to", List.of(other.username()),
                "viewSeconds", 3, "geofilterId", id));
        assertThat(snap.status()).isEqualTo(201);
        assertThat(http.get("accounts/" + city.username() + "/geofilters", city.token()).json().get(0).get("uses").asLong())
                .isEqualTo(1);

        clock.advance(Duration.ofDays(3));
        assertThat(at(LAT, LON)).as("after its window").doesNotContain(id);
    }

    @Test
    void anUnverifiedAccountWaitsForAnAdmin() throws Exception {
        var shop = official("shop", "business", "Toulouse");
        var created = http.post("accounts/" + shop.username() + "/geofilters", shop.token(),
                form(png(shop, 200, 200), area(0.01, false), Duration.ofDays(1)));
        assertThat(created.json().get("status").asText()).isEqualTo("pending");
        var id = created.json().get("id").asText();
        assertThat(at(LAT, LON)).doesNotContain(id);
        var admin = person("admin");
        assertProblem(http.post("admin/geofilters/" + id + "/approve", admin.token(), null), 404);
        makeAdmin(admin);
        assertThat(http.get("admin/geofilters", admin.token()).json().findValuesAsText("id")).contains(id);
        assertThat(http.post("admin/geofilters/" + id + "/approve", admin.token(), null).status()).isEqualTo(204);
        assertThat(at(LAT, LON)).contains(id);
    }

    @Test
    void onlyTransparentPngsWithinLimitsAndSanePolygonsAndWindows() throws Exception {
        var city = official("strict", "city", "Toulouse");
        var path = "accounts/" + city.username() + "/geofilters";
        assertProblem(http.post(path, city.token(), form(uploadPhoto(city), area(0.01, false), Duration.ofDays(1))), 415);
        assertProblem(http.post(path, city.token(), form(png(city, 1200, 1920), area(0.01, false), Duration.ofDays(1))), 413);
        var open = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1.0, 43.0), List.of(1.1, 43.0),
                List.of(1.1, 43.1), List.of(1.0, 43.1))));
        assertProblem(http.post(path, city.token(), form(png(city, 100, 100), open, Duration.ofDays(1))), 400);
        var wild = Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(1.0, 95.0), List.of(1.1, 43.0),
                List.of(1.1, 43.1), List.of(1.0, 95.0))));
        assertProblem(http.post(path, city.token(), form(png(city, 100, 100), wild, Duration.ofDays(1))), 400);
        var points = new java.util.ArrayList<List<Double>>();
        for (int i = 0; i < 1001; i++) points.add(List.of(1.0 + i * 1e-5, 43.0 + (i % 2) * 1e-5));
        points.add(points.getFirst());
        assertProblem(http.post(path, city.token(), form(png(city, 100, 100),
                Map.of("type", "Polygon", "coordinates", List.of(points)), Duration.ofDays(1))), 400);
        var tooLong = http.post(path, city.token(), form(png(city, 100, 100), area(0.01, false), Duration.ofDays(31)));
        assertProblem(tooLong, 400);
        assertThat(tooLong.json().get("errors").get(0).get("field").asText()).isEqualTo("endsAt");
        var person = person("nobody");
        assertProblem(http.post(path, person.token(), form(png(person, 100, 100), area(0.01, false), Duration.ofDays(1))), 403);
        assertProblem(http.get("geofilters?lat=abc&lon=1", null), 400);
        assertProblem(http.get("geofilters?lat=91&lon=1", null), 400);
    }
}
