/// The public page `/@username`: an account's public story as server-rendered HTML, for anyone.
///
/// [pastel.publicpage.PublicPageRoutes] (HTTP, headers, the strict CSP) and
/// [pastel.publicpage.PublicPageService] (renders the page, finds the cover). No table and so no
/// store: it reads through the account and story services and the media store.
package pastel.publicpage;
