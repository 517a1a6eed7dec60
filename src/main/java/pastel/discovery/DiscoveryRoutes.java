package pastel.discovery;

import io.javalin.http.Context;
import pastel.http.Access;
import java.util.ArrayList;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Api;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// `GET /discover` and `GET /leaderboard`: open to visitors without an account too.
public final class DiscoveryRoutes {
    private final DiscoveryService discovery;
    private final CurrentAccount current;

    public DiscoveryRoutes(DiscoveryService discovery, CurrentAccount current) {
        this.discovery = discovery;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("discovery");
        routes.get("/discover", this::discover).open()
                .summary("Search public accounts by name (q), category and city; verified first").query("q", String.class, "words of the name or username").query("category", String.class, "city, business, association, media or creator").query("city", String.class, "city name").query("limit", Integer.class, "1-100").returns(Api.listOf(DiscoveryService.Listed.class)).access(Access.AUDIENCE);
        routes.get("/leaderboard", this::leaderboard).open()
                .summary("Public accounts of a category ranked by subscribers, most first").query("category", String.class, "city, business, association, media or creator").query("limit", Integer.class, "1-100").returns(Api.listOf(DiscoveryService.Ranked.class)).access(Access.AUDIENCE);
    }

    private void discover(Context ctx) {
        var errors = new ArrayList<FieldError>();
        var q = text(ctx, "q", 64, errors);
        var city = text(ctx, "city", 64, errors);
        var category = category(ctx, errors);
        var limit = limit(ctx, errors);
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        ctx.json(discovery.search(current.optional(ctx).orElse(null), q, category, city, limit));
    }

    private void leaderboard(Context ctx) {
        var errors = new ArrayList<FieldError>();
        var category = category(ctx, errors);
        var limit = limit(ctx, errors);
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        ctx.json(discovery.leaderboard(current.optional(ctx).orElse(null), category, limit));
    }

    private static String text(Context ctx, String name, int max, ArrayList<FieldError> errors) {
        var value = ctx.queryParam(name);
        if (value == null || value.isBlank()) return null;
        if (value.length() > max) errors.add(PastelException.FieldError.tooLong(name, max));
        return value.strip();
    }

    private static Account.Category category(Context ctx, ArrayList<FieldError> errors) {
        var value = ctx.queryParam("category");
        if (value == null || value.isBlank()) return null;
        try {
            return Account.Category.valueOf(value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("category", "not-allowed-value", "must be one of: city, business, association, media, creator"));
            return null;
        }
    }

    private static int limit(Context ctx, ArrayList<FieldError> errors) {
        var value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) return 50;
        try {
            var limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= 100) return limit;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError("limit", "out-of-range", "must be a whole number from 1 to 100"));
        return 50;
    }
}
