package pastel.geofilter;

/// A geofilter is offered once active: at once for a verified account, after an admin's approval otherwise.
enum GeofilterStatus {
    PENDING, ACTIVE;

    String label() {
        return name().toLowerCase();
    }
}
