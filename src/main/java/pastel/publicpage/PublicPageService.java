package pastel.publicpage;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import pastel.account.AccountService;
import pastel.account.Viewer;
import pastel.blob.BlobStore;
import pastel.media.MediaStore;
import pastel.problem.PastelException;
import pastel.story.StoryService;

/// `/@username`: an account's public story as a server-rendered page anyone can open without an
/// account, with Open Graph tags for sharing. Only public items ever appear here.
public final class PublicPageService {
    private final AccountService accounts;
    private final StoryService stories;
    private final MediaStore media;
    private final BlobStore blobs;
    private final String publicUrl;
    private final java.time.Clock clock;

    public PublicPageService(AccountService accounts, StoryService stories, MediaStore media, BlobStore blobs, String publicUrl,
                      java.time.Clock clock) {
        this.clock = clock;
        this.accounts = accounts;
        this.stories = stories;
        this.media = media;
        this.blobs = blobs;
        this.publicUrl = publicUrl;
    }

    /// Only this server's own script, style and media; nothing inline, no frames, no forms, no
    /// plugins: a caption or bio that slipped past escaping could still run nothing.
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// The page of `username`'s public story, as HTML.
    String page(String username) {
        var account = accounts.visibleTo(null, username);
        var items = stories.storyOf(Viewer.ANONYMOUS, account.username());
        var name = esc(account.displayName());
        var handle = esc(account.username());
        var description = account.bio() != null ? esc(account.bio())
                : items.isEmpty() ? "No story right now" : items.size() + (items.size() == 1 ? " story item" : " story items");
        var html = new StringBuilder();
        html.append("""
                <!doctype html>
                <html lang="fr">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="icon" type="image/png" sizes="192x192" href="/icons/icon-192.png">
                """);
        html.append("<title>").append(name).append(" (@").append(handle).append(") · Pastel</title>\n");
        html.append("<meta name=\"description\" content=\"").append(description).append("\">\n");
        html.append("<meta property=\"og:type\" content=\"profile\">\n");
        html.append("<meta property=\"og:site_name\" content=\"Pastel\">\n");
        html.append("<meta property=\"og:title\" content=\"").append(name).append(" (@").append(handle).append(")\">\n");
        html.append("<meta property=\"og:description\" content=\"").append(description).append("\">\n");
        html.append("<meta property=\"og:url\" content=\"").append(esc(publicUrl)).append("/@").append(handle).append("\">\n");
        if (!items.isEmpty()) {
            html.append("<meta property=\"og:image\" content=\"").append(esc(publicUrl)).append("/@").append(handle)
                    .append("/cover.jpg\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n");
        }
        html.append("""
                <link rel="stylesheet" href="/assets/public-page.css">
                <script src="/assets/story-player.js" defer></script>
                <script src="/assets/push-follow.js" defer></script>
                </head>
                <body>
                <header class="account">
                """);
        html.append("<h1>").append(name).append(account.verified() ? " <span class=\"verified\" title=\"verified\">✔</span>" : "")
                .append("</h1>\n<p class=\"handle\">@").append(handle);
        if (account.city() != null) html.append(" · ").append(esc(account.city()));
        html.append("</p>\n");
        if (account.bio() != null) html.append("<p class=\"bio\">").append(esc(account.bio())).append("</p>\n");
        if (account.isPublic()) {
            // Follow by Web Push without an account (push-follow.js fills in the texts and shows it).
            html.append("<section class=\"follow\" data-account=\"").append(handle).append("\" hidden>\n")
                    .append("<p class=\"follow-why\"></p>\n")
                    .append("<button type=\"button\" class=\"follow-on\">Notifications</button>\n")
                    .append("<button type=\"button\" class=\"follow-off\" hidden>Notifications</button>\n")
                    .append("<p class=\"follow-status\" role=\"status\"></p>\n</section>\n");
        }
        html.append("</header>\n<main id=\"story\" aria-live=\"polite\">\n");
        if (items.isEmpty()) {
            html.append("<p class=\"empty\">Pas de story en ce moment. / No story right now.</p>\n");
        }
        var time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        for (var item : items) {
            html.append("<figure class=\"item\" data-id=\"").append(esc(item.id())).append("\" data-kind=\"")
                    .append(esc(item.kind())).append("\">\n");
            if (item.kind().equals("video")) {
                html.append("<video src=\"").append(esc(item.mediaUrl())).append("\" poster=\"")
                        .append(esc(item.thumbnailUrl())).append("\" playsinline muted preload=\"metadata\"></video>\n");
            } else {
                html.append("<img src=\"").append(esc(item.mediaUrl())).append("\" alt=\"")
                        .append(item.caption() == null ? "Story item" : esc(item.caption())).append("\">\n");
            }
            html.append("<figcaption>");
            if (item.caption() != null) html.append(esc(item.caption())).append(" · ");
            html.append("<time datetime=\"").append(item.postedAt()).append("\">").append(time.format(item.postedAt()))
                    .append("</time></figcaption>\n</figure>\n");
        }
        html.append("</main>\n<footer><a href=\"/\">Pastel</a></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /// A thumbnail for link previews: its bytes and content type.
    record Cover(byte[] bytes, String contentType) {}

    /// The thumbnail of `username`'s newest public item.
    Cover cover(String username) throws IOException {
        var account = accounts.visibleTo(null, username);
        var items = stories.storyOf(Viewer.ANONYMOUS, account.username());
        if (items.isEmpty()) throw new PastelException.NotFound("no public story right now");
        var newest = items.getLast();
        var mediaId = newest.thumbnailUrl().split("/")[2];
        var found = media.live(mediaId, clock.millis()).orElseThrow(() -> new PastelException.NotFound("gone"));
        try (var slice = blobs.open(found.thumbKey(), 0, blobs.size(found.thumbKey())); var in = slice.stream()) {
            return new Cover(in.readAllBytes(), found.thumbContentType());
        }
    }

    static String esc(String text) {
        if (text == null) return "";
        var out = new StringBuilder(text.length() + 16);
        for (var c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
