package pastel.publicpage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import pastel.account.Account;

/// The HTML of `/@username` and of its 404, in French or English: the story player, the end card
/// that turns a visitor into a subscriber (replay, subscribe, open the app, create an account), the
/// subscriber count, highlights and the community story. Times are relative (the script redoes them
/// in the visitor's own language with `Intl`); images come as thumbnail and full size (`srcset`).
/// Nothing inline: the page's strict CSP allows this server's script and style only.
final class PageHtml {
    /// One picture or video of the page, with what a screen reader says instead of it.
    record Item(String id, String kind, String alt, String caption, String credit, Instant postedAt, String fullUrl,
                String thumbUrl, int width, int height, String captionsUrl) {}

    /// Everything the page shows. `source`/`campaign`: how the visitor came (a poster's QR code...).
    record Page(Account account, long subscribers, List<Item> story, List<Item> highlights, List<Item> community,
                String source, String campaign, String publicUrl, Instant now) {}

    private final boolean fr;

    PageHtml(String acceptLanguage) {
        this.fr = prefersFrench(acceptLanguage);
    }

    static boolean prefersFrench(String acceptLanguage) {
        if (acceptLanguage == null) return true; // the city's own language
        for (var part : acceptLanguage.split(",")) {
            var tag = part.strip().split(";")[0].toLowerCase(Locale.ROOT);
            if (tag.startsWith("fr")) return true;
            if (tag.startsWith("en")) return false;
        }
        return false;
    }

    private String t(String french, String english) {
        return fr ? french : english;
    }

    String page(Page p) {
        var a = p.account();
        var name = esc(a.displayName());
        var handle = esc(a.username());
        var count = subscribers(p.subscribers());
        var description = a.bio() != null ? esc(a.bio())
                : esc(a.displayName()) + " · " + count + (p.story().isEmpty() ? "" : " · " + items(p.story().size()));
        var html = new StringBuilder(8192);
        head(html, name + " (@" + handle + ") · Pastel", description);
        html.append("<meta property=\"og:type\" content=\"profile\">\n<meta property=\"og:site_name\" content=\"Pastel\">\n");
        html.append("<meta property=\"og:title\" content=\"").append(name).append(" (@").append(handle).append(")\">\n");
        html.append("<meta property=\"og:description\" content=\"").append(description).append("\">\n");
        html.append("<meta property=\"og:url\" content=\"").append(esc(p.publicUrl())).append("/@").append(handle).append("\">\n");
        if (!p.story().isEmpty()) {
            html.append("<meta property=\"og:image\" content=\"").append(esc(p.publicUrl())).append("/@").append(handle)
                    .append("/cover.jpg\">\n<meta name=\"twitter:card\" content=\"summary_large_image\">\n");
        }
        html.append("""
                <script src="/assets/story-player.js" defer></script>
                <script src="/assets/push-follow.js" defer></script>
                </head>
                <body>
                <header class="account">
                """);
        html.append("<span class=\"initial\" aria-hidden=\"true\">").append(esc(initial(a.displayName()))).append("</span>\n");
        html.append("<div class=\"who\">\n<h1>").append(name);
        if (a.verified()) html.append(" <span class=\"verified\" title=\"").append(t("compte vérifié", "verified account"))
                .append("\">✔<span class=\"sr\"> ").append(t("compte vérifié", "verified account")).append("</span></span>");
        html.append("</h1>\n<p class=\"handle\">@").append(handle);
        if (a.city() != null) html.append(" · ").append(esc(a.city()));
        html.append("</p>\n<p class=\"count\" data-count=\"").append(p.subscribers()).append("\">").append(count).append("</p>\n</div>\n");
        if (a.isPublic()) subscribeButton(html, p, handle, "subscribe small");
        if (a.bio() != null) html.append("<p class=\"bio\">").append(esc(a.bio())).append("</p>\n");
        html.append("</header>\n<main>\n");

        html.append("<section id=\"story\" class=\"story\" aria-label=\"").append(t("Story de ", "Story of ")).append(name)
                .append("\" data-lang=\"").append(fr ? "fr" : "en").append("\">\n");
        if (p.story().isEmpty()) {
            html.append("<p class=\"empty\">").append(t("Pas de story en ce moment.", "No story right now.")).append("</p>\n");
        } else {
            html.append("<ol class=\"bars\" aria-hidden=\"true\">");
            for (int i = 0; i < p.story().size(); i++) html.append("<li><span></span></li>");
            html.append("</ol>\n");
            for (var item : p.story()) figure(html, item, p.now(), "(min-width: 520px) 480px, 100vw", true);
            // Previous and next are the frame's left third and the rest, as in the apps: named, no visible text.
            html.append("<div class=\"controls\" hidden>\n<button type=\"button\" class=\"prev\" aria-label=\"")
                    .append(t("Précédent", "Previous")).append("\"></button>\n<button type=\"button\" class=\"pause\" data-play=\"")
                    .append(t("Lecture", "Play")).append("\">").append(t("Pause", "Pause"))
                    .append("</button>\n<button type=\"button\" class=\"next\" aria-label=\"").append(t("Suivant", "Next"))
                    .append("\"></button>\n</div>\n");
        }
        html.append("</section>\n");

        endCard(html, p, name, handle, count);
        strip(html, p.highlights(), t("À la une", "Highlights"), "highlights", p.now());
        strip(html, p.community(), t("Notre story", "Our story"), "community", p.now());
        html.append("</main>\n<footer><a href=\"/\">").append(t("Pastel, les stories de votre ville", "Pastel, your city's stories"))
                .append("</a></footer>\n</body>\n</html>\n");
        return html.toString();
    }

    /// The subscribe button (the header's and the end card's): story-player.js subscribes with the
    /// web client's session, or keeps the wish (with its source and campaign) for after sign-up.
    private void subscribeButton(StringBuilder html, Page p, String handle, String classes) {
        html.append("<button type=\"button\" class=\"").append(classes).append("\" data-account=\"").append(handle)
                .append("\" data-source=\"").append(esc(p.source())).append("\" data-campaign=\"").append(esc(p.campaign()))
                .append("\" data-done=\"").append(t("Abonné ✓", "Subscribed ✓"))
                .append("\" data-one=\"").append(t("abonné", "subscriber")).append("\" data-many=\"").append(t("abonnés", "subscribers"))
                .append("\">").append(t("S'abonner", "Subscribe")).append("</button>\n");
    }

    private void endCard(StringBuilder html, Page p, String name, String handle, String count) {
        html.append("<section id=\"end\" class=\"end\" aria-labelledby=\"end-title\" tabindex=\"-1\">\n<h2 id=\"end-title\">")
                .append(p.story().isEmpty() ? t("Abonnez-vous pour voir sa prochaine story", "Subscribe to see the next story")
                        : t("Vous avez tout vu", "You're all caught up"))
                .append("</h2>\n<p>").append(name).append(" · <span class=\"count-text\">").append(count).append("</span></p>\n");
        html.append("<div class=\"actions\">\n");
        if (!p.story().isEmpty()) {
            html.append("<button type=\"button\" class=\"replay secondary\">").append(t("Revoir", "Replay")).append("</button>\n");
        }
        subscribeButton(html, p, handle, "subscribe");
        html.append("<a class=\"button secondary\" href=\"/#/signup\">").append(t("Créer un compte", "Create an account")).append("</a>\n");
        html.append("<a class=\"button secondary\" href=\"/#/u/").append(handle).append("\">").append(t("Ouvrir dans l'app", "Open in the app")).append("</a>\n");
        html.append("</div>\n<p class=\"subscribe-status\" role=\"status\"></p>\n");
        if (p.account().isPublic()) {
            // Follow by Web Push without an account (push-follow.js fills in the texts and shows it).
            html.append("<div class=\"follow\" data-account=\"").append(handle).append("\" hidden>\n")
                    .append("<p class=\"follow-why\"></p>\n")
                    .append("<button type=\"button\" class=\"follow-on secondary\">Notifications</button>\n")
                    .append("<button type=\"button\" class=\"follow-off secondary\" hidden>Notifications</button>\n")
                    .append("<p class=\"follow-status\" role=\"status\"></p>\n</div>\n");
        }
        html.append("</section>\n");
    }

    private void strip(StringBuilder html, List<Item> items, String title, String id, Instant now) {
        if (items.isEmpty()) return;
        html.append("<section class=\"strip\" aria-labelledby=\"").append(id).append("-title\">\n<h2 id=\"").append(id)
                .append("-title\">").append(title).append("</h2>\n")
                // A row that scrolls sideways: reachable by keyboard (arrow keys scroll it once focused).
                .append("<ul tabindex=\"0\" aria-labelledby=\"").append(id).append("-title\">\n");
        for (var item : items) {
            html.append("<li>");
            figure(html, item, now, "120px", false);
            html.append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private void figure(StringBuilder html, Item item, Instant now, String sizes, boolean story) {
        html.append("<figure class=\"item\" data-id=\"").append(esc(item.id())).append("\" data-kind=\"").append(esc(item.kind()))
                .append("\">\n");
        var alt = esc(item.alt() != null ? item.alt() : item.caption() != null ? item.caption()
                : t(item.kind().equals("video") ? "Vidéo de la story" : "Photo de la story",
                    item.kind().equals("video") ? "Story video" : "Story photo"));
        if (item.kind().equals("video") && story) {
            html.append("<video src=\"").append(esc(item.fullUrl())).append("\" poster=\"").append(esc(item.thumbUrl()))
                    .append("\" playsinline muted preload=\"metadata\" aria-label=\"").append(alt).append("\"");
            if (item.width() > 0) html.append(" width=\"").append(item.width()).append("\" height=\"").append(item.height()).append("\"");
            html.append(">");
            if (item.captionsUrl() != null) {
                html.append("<track kind=\"captions\" src=\"").append(esc(item.captionsUrl())).append("\" srclang=\"")
                        .append(fr ? "fr" : "en").append("\" label=\"").append(t("Sous-titres", "Captions")).append("\" default>");
            }
            html.append("</video>\n");
        } else {
            // A video off the story (a highlight, the community story) shows its poster frame.
            var thumbWidth = thumbWidth(item.width(), item.height());
            html.append("<img src=\"").append(esc(item.thumbUrl())).append("\"");
            if (item.width() > 0 && !item.kind().equals("video")) {
                html.append(" srcset=\"").append(esc(item.thumbUrl())).append(' ').append(thumbWidth).append("w, ")
                        .append(esc(item.fullUrl())).append(' ').append(item.width()).append("w\" sizes=\"").append(sizes).append('"');
            }
            if (item.width() > 0) html.append(" width=\"").append(item.width()).append("\" height=\"").append(item.height()).append('"');
            html.append(story ? "" : " loading=\"lazy\"").append(" alt=\"").append(alt).append("\">\n");
        }
        html.append("<figcaption>");
        if (item.caption() != null) html.append("<span class=\"caption\">").append(esc(item.caption())).append("</span> · ");
        if (item.credit() != null) html.append("<span class=\"credit\">").append(t("par @", "by @")).append(esc(item.credit())).append("</span> · ");
        html.append("<time datetime=\"").append(item.postedAt()).append("\">").append(ago(item.postedAt(), now)).append("</time>");
        html.append("</figcaption>\n</figure>\n");
    }

    /// The 404 page of an unknown (or hidden) name: HTML for a person, same status as the API.
    String notFound(String username) {
        var html = new StringBuilder(2048);
        head(html, t("Page introuvable · Pastel", "Page not found · Pastel"),
                t("Ce compte n'existe pas sur Pastel.", "This account does not exist on Pastel."));
        html.append("</head>\n<body class=\"missing\">\n<main>\n<h1>").append(t("Page introuvable", "Page not found")).append("</h1>\n<p>")
                .append(t("Aucun compte public ne s'appelle @", "No public account is called @")).append(esc(username)).append(".</p>\n")
                .append("<p><a class=\"button\" href=\"/#/discover\">").append(t("Découvrir les comptes", "Discover accounts"))
                .append("</a></p>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private void head(StringBuilder html, String title, String description) {
        html.append("<!doctype html>\n<html lang=\"").append(fr ? "fr" : "en").append("""
                ">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="color-scheme" content="light dark">
                <link rel="icon" type="image/png" sizes="192x192" href="/icons/icon-192.png">
                <link rel="apple-touch-icon" href="/icons/icon-192.png">
                <link rel="stylesheet" href="/assets/public-page.css">
                """);
        html.append("<title>").append(title).append("</title>\n");
        html.append("<meta name=\"description\" content=\"").append(description).append("\">\n");
    }

    private String subscribers(long n) {
        var number = String.format(fr ? Locale.FRANCE : Locale.US, "%,d", n);
        return number + " " + (fr ? (n <= 1 ? "abonné" : "abonnés") : (n == 1 ? "subscriber" : "subscribers"));
    }

    private String items(int n) {
        return n + " " + (fr ? (n == 1 ? "élément de story" : "éléments de story") : (n == 1 ? "story item" : "story items"));
    }

    /// "2 h ago" from the server's clock: right in any time zone (the script redoes it with Intl).
    String ago(Instant at, Instant now) {
        var d = Duration.between(at, now);
        if (d.isNegative() || d.toMinutes() < 1) return t("à l'instant", "just now");
        if (d.toHours() < 1) return t("il y a " + d.toMinutes() + " min", d.toMinutes() + " min ago");
        if (d.toDays() < 1) return t("il y a " + d.toHours() + " h", d.toHours() + " h ago");
        var days = d.toDays();
        return t("il y a " + days + " j", days + (days == 1 ? " day ago" : " days ago"));
    }

    /// The thumbnail's width: 320 px on its long side, never larger than the original.
    static int thumbWidth(int width, int height) {
        var longSide = Math.max(width, height);
        return longSide <= 320 ? width : Math.max(1, Math.round(width * 320f / longSide));
    }

    private static String initial(String name) {
        return name == null || name.isBlank() ? "?" : name.strip().substring(0, name.strip().offsetByCodePoints(0, 1)).toUpperCase(Locale.ROOT);
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
