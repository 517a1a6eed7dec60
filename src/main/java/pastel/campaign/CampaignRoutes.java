package pastel.campaign;

import io.javalin.http.Context;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.problem.PastelException;
import pastel.ratelimit.RateLimiter;

/// HTTP of poster campaigns: the QR code (SVG or PNG by `Accept`). The subscriber sources are an
/// insights view (`InsightsRoutes`).
public final class CampaignRoutes {
    private final CampaignService campaigns;
    private final CurrentAccount current;
    private final RateLimiter limits;

    public CampaignRoutes(CampaignService campaigns, CurrentAccount current, RateLimiter limits) {
        this.campaigns = campaigns;
        this.current = current;
        this.limits = limits;
    }

    public void register(Api api) {
        api.group("public pages").get("/accounts/{username}/qr", this::qr).open().produces("image/svg+xml")
                .summary("A print-ready QR code of the account's public page, tagged with a campaign: SVG, or PNG when Accept prefers image/png")
                .query("campaign", String.class, "a tag counted in insights' subscriber sources (1-64 of a-z 0-9 . _ -)")
                .query("size", Integer.class, "PNG only: at least this many pixels wide, 128-4096 (default 1024)")
                .access(Access.AUDIENCE);
    }

    private void qr(Context ctx) {
        // A QR code is a profile look-up (it answers whether a name is a public account) and a
        // large PNG costs 100-200 ms of CPU: the same per-address and per-account limits apply.
        limits.hitAddress(limits.lookupsPerAddress, ctx.ip());
        current.optional(ctx).ifPresent(viewer -> limits.hitAccount(limits.lookupsPerAccount, viewer.id()));
        var poster = campaigns.poster(ctx.pathParam("username"), ctx.queryParam("campaign"));
        var account = poster.account();
        var campaign = poster.campaign();
        var size = size(ctx.queryParam("size"));
        var code = QrCode.of(poster.link());
        ctx.header("Vary", "Accept").header("Cache-Control", "public, max-age=3600");
        var name = "pastel-" + account.username() + (campaign.isEmpty() ? "" : "-" + campaign);
        if (prefersPng(ctx.header("Accept"))) {
            ctx.header("Content-Disposition", "inline; filename=\"" + name + ".png\"");
            ctx.contentType("image/png").result(code.png(size));
        } else {
            ctx.header("Content-Disposition", "inline; filename=\"" + name + ".svg\"");
            ctx.contentType("image/svg+xml; charset=utf-8").result(code.svg("QR code: " + poster.link()));
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
}
