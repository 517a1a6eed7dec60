package pastel.geofilter;

/// A geofilter is offered once active: at once for a verified account, after an admin's approval
/// otherwise; an admin may reject a pending one instead (its team sees it rejected; it is never
/// offered, and its overlay goes at the end of its window like any other's).
enum GeofilterStatus {
    PENDING, ACTIVE, REJECTED;

    String label() {
        return name().toLowerCase();
    }
}
