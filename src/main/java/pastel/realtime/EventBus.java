package pastel.realtime;

import java.util.function.Consumer;

/// Carries events to every node: in-process when Pastel runs alone, PostgreSQL LISTEN/NOTIFY
/// when nodes share a PostgreSQL database. Each node delivers what it receives to its own clients.
public interface EventBus extends AutoCloseable {
    /// Sends an event to every node (this one included). Never throws: realtime is best effort,
    /// clients refetch state on reconnect.
    void publish(Event event);

    /// Registers the one consumer of this node (the [Hub]).
    void subscribe(Consumer<Event> consumer);

    @Override
    void close();
}
