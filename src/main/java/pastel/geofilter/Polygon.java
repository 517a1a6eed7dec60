package pastel.geofilter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import pastel.problem.PastelException;

/// A GeoJSON Polygon: an outer ring and optional holes, each a closed list of [lon, lat].
record Polygon(List<double[][]> rings) {
    static final int MAX_POINTS = 1000;

    /// Parses and checks a GeoJSON Polygon, or throws a 400 naming what is wrong with it.
    static Polygon parse(JsonNode area) {
        if (area == null || !area.isObject()) throw invalid("must be a GeoJSON Polygon object");
        if (!"Polygon".equals(area.path("type").asText())) throw invalid("type must be \"Polygon\"");
        var coordinates = area.get("coordinates");
        if (coordinates == null || !coordinates.isArray() || coordinates.isEmpty()) {
            throw invalid("coordinates must hold at least the outer ring");
        }
        var rings = new ArrayList<double[][]>();
        int total = 0;
        for (var ringNode : coordinates) {
            if (!ringNode.isArray() || ringNode.size() < 4) throw invalid("each ring needs at least 4 positions");
            total += ringNode.size();
            if (total > MAX_POINTS) throw invalid("at most " + MAX_POINTS + " positions in all");
            var ring = new double[ringNode.size()][];
            for (int i = 0; i < ringNode.size(); i++) {
                var position = ringNode.get(i);
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                    throw invalid("positions are [longitude, latitude] numbers");
                }
                var lon = position.get(0).asDouble();
                var lat = position.get(1).asDouble();
                if (!Double.isFinite(lon) || !Double.isFinite(lat) || lon < -180 || lon > 180 || lat < -90 || lat > 90) {
                    throw invalid("longitudes are -180..180 and latitudes -90..90");
                }
                ring[i] = new double[] {lon, lat};
            }
            var first = ring[0];
            var last = ring[ring.length - 1];
            if (first[0] != last[0] || first[1] != last[1]) throw invalid("each ring must be closed (last position = first)");
            rings.add(ring);
        }
        return new Polygon(rings);
    }

    private static PastelException invalid(String message) {
        return new PastelException.Invalid("area", "geojson-polygon", message);
    }

    /// Inside the outer ring and outside every hole (even-odd ray casting on each ring).
    boolean contains(double lat, double lon) {
        if (!inRing(rings.getFirst(), lat, lon)) return false;
        for (int i = 1; i < rings.size(); i++) {
            if (inRing(rings.get(i), lat, lon)) return false;
        }
        return true;
    }

    private static boolean inRing(double[][] ring, double lat, double lon) {
        boolean inside = false;
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) inside = !inside;
        }
        return inside;
    }

    double[] bounds() {
        double minLat = 90, maxLat = -90, minLon = 180, maxLon = -180;
        for (var p : rings.getFirst()) {
            minLon = Math.min(minLon, p[0]);
            maxLon = Math.max(maxLon, p[0]);
            minLat = Math.min(minLat, p[1]);
            maxLat = Math.max(maxLat, p[1]);
        }
        return new double[] {minLat, maxLat, minLon, maxLon};
    }
}
