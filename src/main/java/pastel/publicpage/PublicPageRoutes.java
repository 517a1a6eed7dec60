package pastel.publicpage;

import io.javalin.http.Context;
import java.io.IOException;
import pastel.http.Access;
import pastel.http.Api;

/// The public page routes: `/@username` and its link-preview cover, open to anyone.
public final class PublicPageRoutes {
    private final PublicPageService pages;

    public PublicPageRoutes(PublicPageService pages) {
        this.pages = pages;
    }

    public void register(Api api) {
        var routes = api.group("public pages");
        routes.get("!/@{username}", this::page).open().produces("text/html").summary("An account's public story page").access(Access.AUDIENCE);
        routes.get("!/@{username}/cover.jpg", this::cover).open().produces("image/jpeg")
                .summary("The thumbnail of the account's newest public item (for link previews)").access(Access.AUDIENCE);
    }

    private void page(Context ctx) {
        var html = pages.page(ctx.pathParam("username"));
        ctx.header("Cache-Control", "no-store").header("Content-Security-Policy", PublicPageService.CSP)
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8").result(html);
    }

    private void cover(Context ctx) throws IOException {
        var cover = pages.cover(ctx.pathParam("username"));
        ctx.header("Cache-Control", "no-store").contentType(cover.contentType()).result(cover.bytes());
    }
}
