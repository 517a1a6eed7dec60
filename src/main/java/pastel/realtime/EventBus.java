package pastel.realtime;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import pastel.db.Database;

/// Carries events to every node: in-process when Pastel runs alone, PostgreSQL LISTEN/NOTIFY
/// when nodes share a PostgreSQL database. Each node delivers what it receives to its own clients.
public interface EventBus extends AutoCloseable {
    /// The bus of the nodes that share `database`: PostgreSQL's channel of the schema it points
    /// at (nodes on one schema share one channel), or in-process for SQLite (one node).
    static EventBus forNodesOf(Database database) {
        if (database.dialect() != Database.Dialect.POSTGRES) return new LocalEventBus();
        if (database.schema() != null) return new PostgresEventBus(database.jdbi(), database.url(), database.schema());
        var schema = database.currentSchema();
        return new PostgresEventBus(database.jdbi(), database.url(), "public".equals(schema) ? null : schema);
    }

    /// Sends an event to every node (this one included). Never throws: realtime is best effort,
    /// clients refetch state on reconnect.
    void publish(Event event);

    /// The one way a service publishes what its writes caused: when `handle`'s transaction
    /// commits (never if it rolls back, so no listener sees a state that may still be undone),
    /// or at once when `handle` is in no transaction (its statements are already committed).
    /// Goes through [#publish] of this bus, so a wrapping bus (Web Push) sees it too.
    default void publishAfterCommit(Handle handle, Event event) {
        if (handle.isInTransaction()) {
            handle.afterCommit(() -> publish(event));
        } else {
            publish(event);
        }
    }

    /// Registers the one consumer of this node (the [Hub]).
    void subscribe(Consumer<Event> consumer);

    @Override
    void close();
}
