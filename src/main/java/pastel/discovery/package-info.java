/// Discovery: finding public accounts by name, category and city, and the per-category
/// leaderboard (`DiscoveryRoutes`, `DiscoveryService`). It owns no table: `DiscoveryStore` reads
/// accounts with the subscription counts and block rule of their owners.
package pastel.discovery;
