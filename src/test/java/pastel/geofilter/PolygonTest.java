package pastel.geofilter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import pastel.http.Json;
import pastel.problem.PastelException;

/// The geofilter area: GeoJSON parsing and its checks, point-in-polygon with holes, bounds.
class PolygonTest {
    // A 10 x 10 degree square (lon 0..10, lat 40..50) with a 2 x 2 hole in its middle.
    private static final String SQUARE_WITH_HOLE = """
            {"type": "Polygon", "coordinates": [
              [[0, 40], [10, 40], [10, 50], [0, 50], [0, 40]],
              [[4, 44], [6, 44], [6, 46], [4, 46], [4, 44]]]}""";

    private static Polygon parse(String json) throws Exception {
        return Polygon.parse(Json.MAPPER.readTree(json));
    }

    @Test
    void containsWhatIsInsideTheOuterRingAndOutsideTheHoles() throws Exception {
        var area = parse(SQUARE_WITH_HOLE);
        assertThat(area.contains(41, 1)).isTrue();
        assertThat(area.contains(49.5, 9.5)).isTrue();
        assertThat(area.contains(45, 5)).as("in the hole").isFalse();
        assertThat(area.contains(39.9, 5)).as("south of it").isFalse();
        assertThat(area.contains(45, 10.1)).as("east of it").isFalse();
        assertThat(area.contains(45, -0.1)).as("west of it").isFalse();
    }

    @Test
    void aTriangleIsNotItsBoundingBox() throws Exception {
        var triangle = parse("""
                {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [0, 10], [0, 0]]]}""");
        assertThat(triangle.contains(1, 1)).isTrue();
        assertThat(triangle.contains(9, 9)).as("inside the box, outside the triangle").isFalse();
    }

    @Test
    void boundsAreThoseOfTheOuterRing() throws Exception {
        assertThat(parse(SQUARE_WITH_HOLE).bounds()).containsExactly(40, 50, 0, 10);
    }

    @Test
    void refusesWhatIsNotAClosedValidPolygon() {
        assertRefused("{\"type\": \"Point\", \"coordinates\": [1, 2]}", "type must be \"Polygon\"");
        assertRefused("[1, 2]", "must be a GeoJSON Polygon object");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": []}", "coordinates must hold at least the outer ring");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 0]]]}",
                "each ring needs at least 4 positions");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}",
                "each ring must be closed (last position = first)");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 91], [0, 0]]]}",
                "longitudes are -180..180 and latitudes -90..90");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, \"x\"], [1, 1], [0, 0]]]}",
                "positions are [longitude, latitude] numbers");
    }

    @Test
    void refusesMoreThanTheMostPositions() {
        var ring = new StringBuilder("[[0, 0]");
        for (int i = 1; i < Polygon.MAX_POINTS; i++) ring.append(", [").append(i % 90).append(", 1]");
        ring.append(", [0, 0]]");
        assertRefused("{\"type\": \"Polygon\", \"coordinates\": [" + ring + "]}",
                "at most " + Polygon.MAX_POINTS + " positions in all");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(PastelException.Invalid.class).hasMessageContaining(message);
    }
}
