/// Geofilters: PNG overlays offered inside a polygon for a while, drawn into what is sent with one.
///
/// [pastel.geofilter.GeofilterRoutes] (HTTP, the admin's approval included),
/// [pastel.geofilter.GeofilterService] (rules, transactions; [pastel.geofilter.GeofilterOverlay]
/// draws, `Polygon` tests places) and the package-private `GeofilterStore`, the only writer of `geofilter`.
package pastel.geofilter;
