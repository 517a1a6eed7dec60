package pastel.geofilter;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;

/// The geofilter routes: publish and list an account's, find those at a place, and the admin's approval.
public final class GeofilterRoutes {
    private final GeofilterService geofilters;
    private final CurrentAccount current;

    public GeofilterRoutes(GeofilterService geofilters, CurrentAccount current) {
        this.geofilters = geofilters;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("geofilters");
        routes.post("/accounts/{username}/geofilters", this::create).body(GeofilterService.Form.class).status(201)
                .summary("Publish a geofilter (team of a public account; pending until an admin approves unless verified)").returns(GeofilterService.Geofilter.class).access(Access.TEAM);
        routes.get("/accounts/{username}/geofilters", ctx -> ctx.json(geofilters.ofAccount(current.require(ctx), ctx.pathParam("username"))))
                .summary("The account's geofilters with their status and usage (team only)").returns(Api.listOf(GeofilterService.Geofilter.class)).access(Access.TEAM);
        routes.get("/geofilters", this::at).open().summary("Geofilters active at a point now (lat, lon)").requiredQuery("lat", Double.class, "latitude, -90..90").requiredQuery("lon", Double.class, "longitude, -180..180").returns(Api.listOf(GeofilterService.Geofilter.class)).access(Access.ANYONE);
        routes.post("/admin/geofilters/{id}/approve", ctx -> decide(ctx, GeofilterStatus.ACTIVE)).status(204)
                .summary("Admin: approve a pending geofilter (it is offered at its place from its start)").access(Access.ADMIN);
        routes.post("/admin/geofilters/{id}/reject", ctx -> decide(ctx, GeofilterStatus.REJECTED)).status(204)
                .summary("Admin: reject a pending geofilter (never offered; its team sees it rejected)").access(Access.ADMIN);
        routes.get("/admin/geofilters", ctx -> {
            current.requireAdmin(ctx);
            ctx.json(geofilters.pending());
        }).summary("Admin: geofilters waiting for approval").returns(Api.listOf(GeofilterService.Geofilter.class)).access(Access.ADMIN);
    }

    private void decide(Context ctx, GeofilterStatus verdict) {
        current.requireAdmin(ctx);
        geofilters.decide(ctx.pathParam("id"), verdict);
        ctx.status(204);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var account = geofilters.publisher(me, ctx.pathParam("username"));
        var form = Json.read(ctx, GeofilterService.Form.class);
        ctx.status(201).json(geofilters.create(me, account, form));
    }

    private void at(Context ctx) {
        var errors = new ArrayList<FieldError>();
        var lat = coordinate(ctx.queryParam("lat"), "lat", 90, errors);
        var lon = coordinate(ctx.queryParam("lon"), "lon", 180, errors);
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        ctx.json(geofilters.at(lat, lon));
    }

    private static double coordinate(String raw, String field, double limit, List<FieldError> errors) {
        try {
            var value = Double.parseDouble(raw == null ? "" : raw.strip());
            if (Double.isFinite(value) && Math.abs(value) <= limit) return value;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        errors.add(new FieldError(field, "out-of-range", "must be a number between -" + (int) limit + " and " + (int) limit));
        return 0;
    }
}
