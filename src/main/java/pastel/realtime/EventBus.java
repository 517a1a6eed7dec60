package pastel.realtime;

import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/// Carries events to every node: in-process when Pastel runs alone, PostgreSQL LISTEN/NOTIFY
/// when nodes share a PostgreSQL database. Each node delivers what it receives to its own clients.
public interface EventBus extends AutoCloseable {
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
