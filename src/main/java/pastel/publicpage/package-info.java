/// The public page `/@username`: an account's public story as server-rendered HTML, for anyone.
///
/// A small feature in two classes instead of three: its routes are in [pastel.publicpage.PublicPage]
/// (it gathers the account, its items and counts, and sets the strict CSP) and `PageHtml` renders.
/// It has no service of its own, because it owns no rule: what a visitor may see is decided by the
/// account, story and subscription services it reads through. No table and so no store.
package pastel.publicpage;
