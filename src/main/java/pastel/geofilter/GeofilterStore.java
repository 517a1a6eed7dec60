package pastel.geofilter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.db.Records;

/// The `geofilter` table: every SQL statement about geofilters.
final class GeofilterStore {
    /// A geofilter as written when it is published; `area` is its GeoJSON polygon, the bounds its box.
    record NewGeofilter(String id, String accountId, String mediaId, String name, String area, double minLat,
                        double maxLat, double minLon, double maxLon, Instant startsAt, Instant endsAt,
                        GeofilterStatus status, Instant createdAt) {}

    /// A geofilter as listed, with its account's username.
    record Listed(String id, String username, String name, GeofilterStatus status, Instant startsAt, Instant endsAt,
                  long uses, String mediaId, String area) {}

    /// An active geofilter whose box holds a point, with the polygon to test it against.
    record Placed(String id, String area) {}

    private static final RowMapper<Listed> LISTED = ConstructorMapper.of(Listed.class);
    private static final RowMapper<Placed> PLACED = ConstructorMapper.of(Placed.class);
    private static final String LIST = """
            SELECT g.id, a.username, g.name, g.status, g.starts_at, g.ends_at, g.uses, g.media_id, g.area
            FROM geofilter g JOIN account a ON a.id = g.account_id""";

    private final Jdbi jdbi;

    GeofilterStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    static void insert(Handle h, NewGeofilter geofilter) {
        Records.bind(h.createUpdate("""
                INSERT INTO geofilter (id, account_id, media_id, name, area, min_lat, max_lat, min_lon, max_lon,
                                       starts_at, ends_at, status, uses, created_at)
                VALUES (:id, :accountId, :mediaId, :name, :area, :minLat, :maxLat, :minLon, :maxLon, :startsAt, :endsAt,
                        :status, 0, :createdAt)"""), geofilter).execute();
    }

    List<Listed> byAccount(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(LIST + " WHERE g.account_id = :a ORDER BY g.starts_at")
                .bind("a", accountId).map(LISTED).list());
    }

    List<Listed> byStatus(GeofilterStatus status) {
        return jdbi.withHandle(h -> h.createQuery(LIST + " WHERE g.status = :s ORDER BY g.starts_at")
                .bind("s", status).map(LISTED).list());
    }

    Optional<Listed> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery(LIST + " WHERE g.id = :id").bind("id", id).map(LISTED).findOne());
    }

    /// Active geofilters at `now` whose bounding box holds the point.
    List<Placed> boxedAt(double lat, double lon, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT g.id, g.area FROM geofilter g
                WHERE g.status = 'active' AND g.starts_at <= :now AND g.ends_at > :now
                  AND g.min_lat <= :lat AND g.max_lat >= :lat AND g.min_lon <= :lon AND g.max_lon >= :lon""")
                .bind("now", now).bind("lat", lat).bind("lon", lon).map(PLACED).list());
    }

    /// Decides a pending geofilter (active or rejected), once; false when there is no such pending one.
    boolean decide(String id, GeofilterStatus verdict) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE geofilter SET status = :verdict WHERE id = :id AND status = :pending")
                .bind("verdict", verdict).bind("id", id).bind("pending", GeofilterStatus.PENDING).execute()) == 1;
    }

    /// Counts one use of a geofilter active at `now`; false when it is not.
    static boolean recordUse(Handle h, String id, Instant now) {
        return h.createUpdate("""
                UPDATE geofilter SET uses = uses + 1
                WHERE id = :id AND status = 'active' AND starts_at <= :now AND ends_at > :now""")
                .bind("id", id).bind("now", now).execute() == 1;
    }

    /// The overlay media of a geofilter active at `now`.
    Optional<String> activeMedia(String id, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT media_id FROM geofilter
                WHERE id = :id AND status = 'active' AND starts_at <= :now AND ends_at > :now""")
                .bind("id", id).bind("now", now).mapTo(String.class).findOne());
    }
}
