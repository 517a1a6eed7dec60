package pastel.geofilter;

import io.javalin.http.Context;
import pastel.http.Access;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.CurrentAccount;
import pastel.account.Viewer;
import pastel.db.Ids;
import pastel.http.Api;
import pastel.http.Json;
import pastel.media.MediaStore;
import pastel.media.SignedUrls;
import pastel.problem.PastelException;
import pastel.problem.PastelException.FieldError;
import pastel.team.TeamService;

/// Geofilters: a transparent PNG overlay offered inside a polygon during a window of at most 30
/// days. Verified accounts publish at once; others wait for an instance admin.
public final class GeofilterService {
    static final Duration MAX_WINDOW = Duration.ofDays(30);
    static final long MAX_BYTES = 300 * 1024;
    static final int MAX_WIDTH = 1080;
    static final int MAX_HEIGHT = 1920;

    private final Jdbi jdbi;
    private final TeamService team;
    private final SignedUrls urls;
    private final CurrentAccount current;
    private final Clock clock;
    private final GeofilterOverlay overlay;

    public GeofilterService(Jdbi jdbi, TeamService team, SignedUrls urls, CurrentAccount current, GeofilterOverlay overlay,
                            Clock clock) {
        this.jdbi = jdbi;
        this.overlay = overlay;
        this.team = team;
        this.urls = urls;
        this.current = current;
        this.clock = clock;
    }

    public record Form(String mediaId, String name, com.fasterxml.jackson.databind.JsonNode area, String startsAt,
                       String endsAt) {}

    public record Geofilter(String id, String account, String name, String status, Instant startsAt, Instant endsAt,
                            long uses, String imageUrl) {}

    public void register(Api api) {
        var routes = api.group("geofilters");
        routes.post("/accounts/{username}/geofilters", this::create).body(Form.class).status(201)
                .summary("Publish a geofilter (team of a public account; pending until an admin approves unless verified)").returns(Geofilter.class).access(Access.TEAM);
        routes.get("/accounts/{username}/geofilters", ctx -> {
            var account = team.managed(current.require(ctx), ctx.pathParam("username"));
            ctx.json(list("g.account_id = :a", account.id()));
        }).summary("The account's geofilters with their status and usage (team only)").returns(Api.listOf(Geofilter.class)).access(Access.TEAM);
        routes.get("/geofilters", this::at).open().summary("Geofilters active at a point now (lat, lon)").requiredQuery("lat", Double.class, "latitude, -90..90").requiredQuery("lon", Double.class, "longitude, -180..180").returns(Api.listOf(Geofilter.class)).access(Access.ANYONE);
        routes.post("/admin/geofilters/{id}/approve", ctx -> {
            current.requireAdmin(ctx);
            var changed = jdbi.withHandle(h -> h.createUpdate(
                    "UPDATE geofilter SET status = 'active' WHERE id = :id AND status = 'pending'")
                    .bind("id", ctx.pathParam("id")).execute());
            if (changed == 0) throw new PastelException.NotFound("no pending geofilter " + ctx.pathParam("id"));
            ctx.status(204);
        }).status(204).summary("Admin: approve a pending geofilter").access(Access.ADMIN);
        routes.get("/admin/geofilters", ctx -> {
            current.requireAdmin(ctx);
            ctx.json(list("g.status = :a", "pending"));
        }).summary("Admin: geofilters waiting for approval").returns(Api.listOf(Geofilter.class)).access(Access.ADMIN);
    }

    private void create(Context ctx) {
        var me = current.require(ctx);
        var account = team.managed(me, ctx.pathParam("username"));
        if (!account.isPublic()) throw new PastelException.Conflict("geofilters are published by public accounts");
        var form = Json.read(ctx, Form.class);
        var errors = new ArrayList<FieldError>();
        if (form.mediaId() == null || form.mediaId().isBlank()) errors.add(PastelException.FieldError.required("mediaId"));
        var name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 80) errors.add(new FieldError("name", "out-of-range", "must be 1 to 80 characters"));
        var starts = instant("startsAt", form.startsAt(), errors);
        var ends = instant("endsAt", form.endsAt(), errors);
        var now = clock.instant();
        if (starts != null && ends != null) {
            if (!ends.isAfter(starts)) errors.add(new FieldError("endsAt", "before-start", "must be after startsAt"));
            else if (Duration.between(starts, ends).compareTo(MAX_WINDOW) > 0) {
                errors.add(new FieldError("endsAt", "window-too-long", "the window may last at most 30 days"));
            } else if (!ends.isAfter(now)) errors.add(new FieldError("endsAt", "in-past", "must be in the future"));
        }
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        var polygon = Polygon.parse(form.area());
        var bounds = polygon.bounds();
        var id = Ids.newId(now.toEpochMilli());
        var status = account.verified() ? "active" : "pending";
        jdbi.useTransaction(h -> {
            var upload = MediaStore.unattached(h, form.mediaId(), me.id(), now.toEpochMilli())
                    .orElseThrow(() -> new PastelException.NotFound("no unused upload " + form.mediaId() + " of yours"));
            var source = upload.source();
            if (source == null || !"png".equals(source.type()) || !source.alpha()) {
                throw new PastelException.UnsupportedMedia("a geofilter is a PNG with transparency");
            }
            if (source.width() > MAX_WIDTH || source.height() > MAX_HEIGHT || source.bytes() > MAX_BYTES) {
                throw new PastelException.TooLarge("a geofilter is at most 1080 x 1920 pixels and 300 KB");
            }
            MediaStore.attach(h, upload.id(), me.id(), "geofilter", ends.toEpochMilli(), now.toEpochMilli())
                    .orElseThrow(() -> new PastelException.Conflict("the upload was just used for something else"));
            h.createUpdate("""
                    INSERT INTO geofilter (id, account_id, media_id, name, area, min_lat, max_lat, min_lon, max_lon,
                                           starts_at, ends_at, status, uses, created_at)
                    VALUES (:id, :account, :media, :name, :area, :minLat, :maxLat, :minLon, :maxLon, :starts, :ends,
                            :status, 0, :now)""")
                    .bind("id", id).bind("account", account.id()).bind("media", upload.id()).bind("name", name)
                    .bind("area", form.area().toString()).bind("minLat", bounds[0]).bind("maxLat", bounds[1])
                    .bind("minLon", bounds[2]).bind("maxLon", bounds[3]).bind("starts", starts.toEpochMilli())
                    .bind("ends", ends.toEpochMilli()).bind("status", status).bind("now", now.toEpochMilli()).execute();
            TeamService.record(h, account, me, "geofilter.create", id, now.toEpochMilli());
        });
        ctx.status(201).json(list("g.id = :a", id).getFirst());
    }

    private void at(Context ctx) {
        var errors = new ArrayList<FieldError>();
        var lat = coordinate(ctx.queryParam("lat"), "lat", 90, errors);
        var lon = coordinate(ctx.queryParam("lon"), "lon", 180, errors);
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        var now = clock.millis();
        var found = jdbi.withHandle(h -> h.createQuery("""
                SELECT g.id, g.area FROM geofilter g
                WHERE g.status = 'active' AND g.starts_at <= :now AND g.ends_at > :now
                  AND g.min_lat <= :lat AND g.max_lat >= :lat AND g.min_lon <= :lon AND g.max_lon >= :lon""")
                .bind("now", now).bind("lat", lat).bind("lon", lon)
                .map((rs, c) -> new String[] {rs.getString("id"), rs.getString("area")}).list());
        var result = new ArrayList<Geofilter>();
        for (var row : found) {
            try {
                if (Polygon.parse(Json.MAPPER.readTree(row[1])).contains(lat, lon)) result.addAll(list("g.id = :a", row[0]));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        ctx.json(result);
    }

    /// The upload with the geofilter drawn in (see [GeofilterOverlay]); the original when none is chosen.
    public GeofilterOverlay.Drawn draw(pastel.account.Account me, String mediaId, String geofilterId) {
        return overlay.draw(me, mediaId, geofilterId);
    }

    /// Counts one use of a geofilter on a snap or story; it must be active right now.
    public void recordUse(Handle h, String geofilterId, long now) {
        var changed = h.createUpdate("""
                UPDATE geofilter SET uses = uses + 1
                WHERE id = :id AND status = 'active' AND starts_at <= :now AND ends_at > :now""")
                .bind("id", geofilterId).bind("now", now).execute();
        if (changed != 1) throw new PastelException.Invalid("geofilterId", "not-found", "is not an active geofilter");
    }

    private List<Geofilter> list(String where, String value) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT g.id, a.username, g.name, g.status, g.starts_at, g.ends_at, g.uses, g.media_id
                FROM geofilter g JOIN account a ON a.id = g.account_id WHERE """ + " " + where + " ORDER BY g.starts_at")
                .bind("a", value)
                .map((rs, c) -> new Geofilter(rs.getString("id"), rs.getString("username"), rs.getString("name"),
                        rs.getString("status"), Instant.ofEpochMilli(rs.getLong("starts_at")),
                        Instant.ofEpochMilli(rs.getLong("ends_at")), rs.getLong("uses"),
                        urls.sign(rs.getString("media_id"), SignedUrls.Variant.ORIGINAL, Viewer.ANONYMOUS)))
                .list());
    }

    private static Instant instant(String field, String raw, List<FieldError> errors) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, "required", "is required (an ISO 8601 instant like 2026-07-14T18:00:00Z)"));
            return null;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "instant-format", "must be an ISO 8601 instant like 2026-07-14T18:00:00Z"));
            return null;
        }
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
