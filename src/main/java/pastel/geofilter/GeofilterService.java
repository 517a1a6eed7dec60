package pastel.geofilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.Viewer;
import pastel.db.Ids;
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

    private final GeofilterStore store;
    private final TeamService team;
    private final SignedUrls urls;
    private final Clock clock;
    private final GeofilterOverlay overlay;

    public GeofilterService(Jdbi jdbi, TeamService team, SignedUrls urls, GeofilterOverlay overlay, Clock clock) {
        this.store = new GeofilterStore(jdbi);
        this.overlay = overlay;
        this.team = team;
        this.urls = urls;
        this.clock = clock;
    }

    public record Form(String mediaId, String name, com.fasterxml.jackson.databind.JsonNode area, String startsAt,
                       String endsAt) {}

    /// A geofilter as listed; `area` is its GeoJSON polygon (the admin's preview draws it).
    public record Geofilter(String id, String account, String name, String status, Instant startsAt, Instant endsAt,
                            long uses, String imageUrl, com.fasterxml.jackson.databind.JsonNode area) {}

    /// The public account `username` that `me` manages, which a new geofilter is published for.
    Account publisher(Account me, String username) {
        var account = team.managed(me, username);
        if (!account.isPublic()) throw new PastelException.Conflict("geofilters are published by public accounts");
        return account;
    }

    Geofilter create(Account me, Account account, Form form) {
        var errors = new ArrayList<FieldError>();
        if (form.mediaId() == null || form.mediaId().isBlank()) errors.add(PastelException.FieldError.required("mediaId"));
        var name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty() || name.length() > 80) errors.add(new FieldError("name", "out-of-range", "must be 1 to 80 characters"));
        var starts = instant("startsAt", form.startsAt(), errors);
        var ends = instant("endsAt", form.endsAt(), errors);
        var now = now();
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
        var status = account.verified() ? GeofilterStatus.ACTIVE : GeofilterStatus.PENDING;
        store.jdbi().useTransaction(h -> {
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
            GeofilterStore.insert(h, new GeofilterStore.NewGeofilter(id, account.id(), upload.id(), name,
                    form.area().toString(), bounds[0], bounds[1], bounds[2], bounds[3], starts, ends, status, now));
            TeamService.record(h, account, me, "geofilter.create", id, now.toEpochMilli());
        });
        return store.byId(id).map(this::shown).orElseThrow();
    }

    /// The account `username`'s geofilters, for a member of its team.
    List<Geofilter> ofAccount(Account me, String username) {
        var account = team.managed(me, username);
        return store.byAccount(account.id()).stream().map(this::shown).toList();
    }

    /// Geofilters waiting for an admin's approval.
    List<Geofilter> pending() {
        return store.byStatus(GeofilterStatus.PENDING).stream().map(this::shown).toList();
    }

    /// An admin's decision on a pending geofilter: 404 when there is no such pending one.
    void decide(String id, GeofilterStatus verdict) {
        if (!Ids.looksValid(id) || !store.decide(id, verdict)) throw new PastelException.NotFound("no pending geofilter " + id);
    }

    /// Geofilters active now whose area holds the point.
    List<Geofilter> at(double lat, double lon) {
        var result = new ArrayList<Geofilter>();
        for (var placed : store.boxedAt(lat, lon, now())) {
            try {
                if (Polygon.parse(Json.MAPPER.readTree(placed.area())).contains(lat, lon)) {
                    store.byId(placed.id()).map(this::shown).ifPresent(result::add);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return result;
    }

    /// The upload with the geofilter drawn in (see [GeofilterOverlay]); the original when none is chosen.
    public GeofilterOverlay.Drawn draw(Account me, String mediaId, String geofilterId) {
        return overlay.draw(me, mediaId, geofilterId);
    }

    /// Counts one use of a geofilter on a snap or story; it must be active right now.
    public void recordUse(Handle h, String geofilterId, long now) {
        if (!GeofilterStore.recordUse(h, geofilterId, Instant.ofEpochMilli(now))) {
            throw new PastelException.Invalid("geofilterId", "not-found", "is not an active geofilter");
        }
    }

    private Geofilter shown(GeofilterStore.Listed g) {
        try {
            return new Geofilter(g.id(), g.username(), g.name(), g.status().label(), g.startsAt(), g.endsAt(), g.uses(),
                    urls.sign(g.mediaId(), SignedUrls.Variant.ORIGINAL, Viewer.ANONYMOUS), Json.MAPPER.readTree(g.area()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
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
}
