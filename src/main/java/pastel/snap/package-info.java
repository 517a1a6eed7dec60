/// Snaps: a photo or video sent to 1-16 friends, opened once, replayed once, then gone.
///
/// [pastel.snap.SnapRoutes] (HTTP), [pastel.snap.SnapService] (rules, transactions, events) and
/// the package-private `SnapStore`, the only writer of the `snap` and `snap_recipient` tables.
package pastel.snap;
