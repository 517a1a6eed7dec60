package pastel.publicpage;

import io.javalin.http.Context;
import pastel.http.Access;
import java.io.IOException;
import pastel.account.AccountService;
import pastel.account.Viewer;
import pastel.blob.BlobStore;
import pastel.http.Api;
import pastel.media.MediaStore;
import pastel.problem.PastelException;
import pastel.story.StoryService;

/// `/@username`: an account's public story as a server-rendered page anyone can open without an
/// account, with Open Graph tags for sharing. Only public items ever appear here.
public final class PublicPageRoutes {
    private final AccountService accounts;
    private final StoryService stories;
    private final MediaStore media;
    private final BlobStore blobs;
    private final String publicUrl;
    private final java.time.Clock clock;
    private final java.util.function.ToLongFunction<String> subscriberCount;

    public PublicPageRoutes(AccountService accounts, StoryService stories, MediaStore media, BlobStore blobs, String publicUrl,
                      java.time.Clock clock, java.util.function.ToLongFunction<String> subscriberCount) {
        this.clock = clock;
        this.subscriberCount = subscriberCount;
        this.accounts = accounts;
        this.stories = stories;
        this.media = media;
        this.blobs = blobs;
        this.publicUrl = publicUrl;
    }

    public void register(Api api) {
        var routes = api.group("public pages");
        routes.get("!/@{username}", this::page).open().produces("text/html").summary("An account's public story page").access(Access.AUDIENCE);
        routes.get("!/@{username}/cover.jpg", this::cover).open().produces("image/jpeg")
                .summary("The thumbnail of the account's newest public item (for link previews)").access(Access.AUDIENCE);
    }

    /// Only this server's own script, style and media; nothing inline, no frames, no forms, no
    /// plugins: a caption or bio that slipped past escaping could still run nothing.
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private void page(Context ctx) {
        var html = new PageHtml(ctx.header("Accept-Language"));
        var username = ctx.pathParam("username");
        pastel.account.Account account;
        try {
            account = accounts.visibleTo(null, username);
        } catch (PastelException.NotFound e) {
            // A person gets a page saying so; API clients the usual problem document.
            var accept = ctx.header("Accept");
            if (accept == null || !accept.contains("text/html")) throw e;
            secure(ctx).status(404).result(html.notFound(username));
            return;
        }
        var now = clock.instant();
        var campaign = ctx.queryParam("campaign");
        campaign = campaign != null && campaign.strip().toLowerCase().matches("[a-z0-9][a-z0-9._-]{0,63}") ? campaign.strip().toLowerCase() : "";
        var source = !campaign.isEmpty() ? "qr" : "share".equals(ctx.queryParam("via")) ? "share" : "page";
        var page = new PageHtml.Page(account, subscriberCount.applyAsLong(account.id()),
                items(stories.storyOf(Viewer.ANONYMOUS, account.username())),
                account.isPublic() ? items(stories.highlightsOf(Viewer.ANONYMOUS, account.username())) : java.util.List.of(),
                account.isPublic() ? items(stories.communityOf(Viewer.ANONYMOUS, account)) : java.util.List.of(),
                source, campaign, publicUrl, now);
        secure(ctx).result(html.page(page));
    }

    private static Context secure(Context ctx) {
        return ctx.header("Cache-Control", "no-store").header("Content-Security-Policy", CSP)
                .header("Referrer-Policy", "no-referrer").header("X-Content-Type-Options", "nosniff")
                .contentType("text/html; charset=utf-8");
    }

    /// The page's view of story items: sizes for `srcset` from the stored media; the alt and the
    /// captions' link come with the items (signed for anyone, like the pictures).
    private java.util.List<PageHtml.Item> items(java.util.List<StoryService.Visible> visible) {
        var now = clock.millis();
        return visible.stream().map(v -> {
            var found = media.live(mediaIdOf(v.thumbnailUrl()), now);
            int width = found.map(m -> m.width()).orElse(0), height = found.map(m -> m.height()).orElse(0);
            return new PageHtml.Item(v.id(), v.kind(), v.alt(), v.caption(), v.credit(), v.postedAt(),
                    v.mediaUrl(), v.thumbnailUrl(), width, height, v.captionsUrl());
        }).toList();
    }

    /// Signed media URLs are `/media/{id}/{variant}?...`.
    private static String mediaIdOf(String url) {
        return url.split("/")[2];
    }

    private void cover(Context ctx) throws IOException {
        var account = accounts.visibleTo(null, ctx.pathParam("username"));
        var items = stories.storyOf(Viewer.ANONYMOUS, account.username());
        if (items.isEmpty()) throw new PastelException.NotFound("no public story right now");
        var newest = items.getLast();
        var mediaId = mediaIdOf(newest.thumbnailUrl());
        var found = media.live(mediaId, clock.millis()).orElseThrow(() -> new PastelException.NotFound("gone"));
        try (var slice = blobs.open(found.thumbKey(), 0, blobs.size(found.thumbKey())); var in = slice.stream()) {
            ctx.header("Cache-Control", "no-store").contentType(found.thumbContentType()).result(in.readAllBytes());
        }
    }
}
