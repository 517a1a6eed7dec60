package pastel.campaign;

import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.problem.PastelException;
import pastel.team.TeamService;

/// Posters and where subscribers come from: the QR code of an account's public page (with a
/// campaign tag) and the subscriptions per source in insights.
public final class CampaignRoutes {
    private final AccountService accounts;
    private final TeamService team;
    private final CurrentAccount current;
    private final CampaignStore store;
    private final String publicUrl;
    private final Clock clock;

    public CampaignRoutes(Jdbi jdbi, AccountService accounts, TeamService team, CurrentAccount current, String publicUrl,
                          Clock clock) {
        this.accounts = accounts;
        this.team = team;
        this.current = current;
        this.store = new CampaignStore(jdbi);
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    public void register(Api api) {
        api.group("public pages").get("/accounts/{username}/qr", this::qr).open().produces("image/svg+xml")
                .summary("A print-ready QR code of the account's public page, tagged with a campaign: SVG, or PNG when Accept prefers image/png")
                .query("campaign", String.class, "a tag counted in insights' subscriber sources (1-64 of a-z 0-9 . _ -)")
                .query("size", Integer.class, "PNG only: at least this many pixels wide, 128-4096 (default 1024)")
                .access(Access.AUDIENCE);
        api.group("insights").get("/accounts/{username}/insights/sources", this::sources)
                .summary("Subscriptions gained per source (qr, discover, page, share, other) and campaign")
                .query("days", Integer.class, "1-90 (default 7)")
                .returns(Api.listOf(SourceCount.class)).access(Access.TEAM);
    }

    /// The public page's link with the campaign tag: what the code says and what the page reads back.
    String link(Account account, String campaign) {
        var page = publicUrl + "/@" + account.username();
        return campaign.isEmpty() ? page : page + "?campaign=" + campaign;
    }

    private void qr(Context ctx) {
        // The page is for anyone, who is never known there: the code is the same for every caller.
        var account = accounts.visibleTo(null, ctx.pathParam("username"));
        if (!account.isPublic()) throw new PastelException.NotFound("'" + account.username() + "' has no public page to print");
        var campaign = SubscriptionSource.campaign(ctx.queryParam("campaign"));
        var size = size(ctx.queryParam("size"));
        var code = QrCode.of(link(account, campaign));
        ctx.header("Vary", "Accept").header("Cache-Control", "public, max-age=3600");
        var name = "pastel-" + account.username() + (campaign.isEmpty() ? "" : "-" + campaign);
        if (prefersPng(ctx.header("Accept"))) {
            ctx.header("Content-Disposition", "inline; filename=\"" + name + ".png\"");
            ctx.contentType("image/png").result(code.png(size));
        } else {
            ctx.header("Content-Disposition", "inline; filename=\"" + name + ".svg\"");
            ctx.contentType("image/svg+xml; charset=utf-8").result(code.svg("QR code: " + link(account, campaign)));
        }
    }

    /// PNG only when asked for ahead of SVG (a browser's `*/*` gets the vector).
    static boolean prefersPng(String accept) {
        if (accept == null) return false;
        double png = -1, svg = -1;
        for (var part : accept.split(",")) {
            var fields = part.strip().split(";");
            double q = 1;
            for (int i = 1; i < fields.length; i++) {
                var f = fields[i].strip();
                if (f.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(f.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            switch (fields[0].strip().toLowerCase()) {
                case "image/png" -> png = Math.max(png, q);
                case "image/svg+xml" -> svg = Math.max(svg, q);
                default -> { }
            }
        }
        return png > 0 && png > svg;
    }

    private static int size(String raw) {
        if (raw == null || raw.isBlank()) return 1024;
        try {
            var size = Integer.parseInt(raw.strip());
            if (size >= 128 && size <= 4096) return size;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PastelException.Invalid("size", "out-of-range", "must be a whole number from 128 to 4096");
    }

    private void sources(Context ctx) {
        var account = team.managed(current.require(ctx), ctx.pathParam("username"));
        if (!account.isPublic()) throw new PastelException.NotFound("insights are for public accounts");
        var days = days(ctx.queryParam("days"));
        ctx.json(store.since(account.id(), clock.instant().minus(Duration.ofDays(days - 1L))));
    }

    private static int days(String raw) {
        if (raw == null || raw.isBlank()) return 7;
        try {
            var days = Integer.parseInt(raw.strip());
            if (days >= 1 && days <= 90) return days;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new PastelException.Invalid("days", "out-of-range", "must be a whole number from 1 to 90");
    }
}
