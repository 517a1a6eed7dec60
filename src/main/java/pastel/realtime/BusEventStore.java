package pastel.realtime;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/// All SQL of the PostgreSQL event bus: the `bus_event` table (every event for a while, so a node
/// whose LISTEN connection dropped catches up) and the LISTEN connection's own statements.
/// Times are the database's clock, the one every node shares.
final class BusEventStore {
    /// An event as stored: its id and JSON.
    record Stored(String id, String payload) {}

    private final Jdbi jdbi;

    BusEventStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /// Stores the event and notifies `channel` with `message`, in one statement.
    void publish(String id, String payload, String channel, String message) {
        jdbi.useHandle(h -> h.createQuery("""
                WITH stored AS (
                    INSERT INTO bus_event (id, at, payload)
                    VALUES (:id, (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT, :payload))
                SELECT pg_notify(:channel, :message) IS NULL""")
                .bind("id", id).bind("payload", payload).bind("channel", channel).bind("message", message)
                .mapTo(Boolean.class).one());
    }

    int deleteOlderThan(long keepMillis) {
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM bus_event WHERE at < (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT - :keep""")
                .bind("keep", keepMillis).execute());
    }

    Optional<String> payload(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT payload FROM bus_event WHERE id = :id").bind("id", id)
                .mapTo(String.class).findOne());
    }

    List<Stored> since(long sinceMillis) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, payload FROM bus_event WHERE at >= :since ORDER BY at, id""")
                .bind("since", sinceMillis)
                .map((rs, ctx) -> new Stored(rs.getString(1), rs.getString(2))).list());
    }

    /// Starts listening on the dedicated connection (channel names are ours: letters, digits, _).
    static void listen(Connection connection, String channel) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel);
        }
    }

    /// The database's clock, in epoch milliseconds, read on the dedicated connection.
    static long databaseMillis(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::BIGINT")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
