/// The public page `/@username`: an account's public story as server-rendered HTML, for anyone.
///
/// [pastel.publicpage.PublicPage] (the routes: gathers the account, its items and counts, sets
/// the strict CSP) and `PageHtml` (renders). No table and so no store: it reads through the
/// account, story and subscription services and the media store.
package pastel.publicpage;
