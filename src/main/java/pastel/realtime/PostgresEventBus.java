package pastel.realtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.db.Ids;
import pastel.http.Json;

/// Events across nodes through PostgreSQL, without gaps when a node's LISTEN connection drops.
///
/// Publishing is one statement: the event is inserted into `bus_event` (with the database's own
/// clock) and `pg_notify` carries its id and, when it fits PostgreSQL's 8000-byte limit, the
/// event itself. Each node LISTENs on one dedicated connection and hears its own events too,
/// which is how it delivers locally. When that connection breaks, the node reconnects, LISTENs
/// again, then reads from `bus_event` every event stored since shortly before the last moment
/// its connection was known alive (a heartbeat every [#HEARTBEAT_MILLIS]); ids already
/// delivered are skipped, so nothing is missed and nothing is delivered twice. Events are kept
/// [#KEEP_MILLIS] (pruned by a cluster sweep task), which bounds the outage a node can catch up on.
public final class PostgresEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventBus.class);
    static final long KEEP_MILLIS = 60_000;
    static final long HEARTBEAT_MILLIS = 2_000;
    /// Catch-up reads from this long before the last heartbeat: a publish's row and its
    /// notification commit together, but its timestamp is taken a little before the commit.
    private static final long CATCH_UP_MARGIN_MILLIS = 5_000;
    private static final int NOTIFY_LIMIT = 7900;

    private final BusEventStore store;
    private final String url;
    private final String schema;
    private final String channel;
    private final Thread listener;
    private volatile Consumer<Event> consumer = event -> { };
    private volatile boolean running = true;
    private volatile Connection listening;
    /// Ids delivered recently, with when: a catch-up never delivers one twice.
    private final Map<String, Long> delivered = new LinkedHashMap<>();
    private volatile long caughtUp;
    /// While true, a broken LISTEN connection stays broken: a test holds an outage open with it.
    static volatile boolean holdReconnect;

    /// `schema` is where `bus_event` lives and names the channel (nodes on one schema share
    /// events); null means the URL's default schema.
    public PostgresEventBus(Jdbi jdbi, String url, String schema) {
        this.store = new BusEventStore(jdbi);
        this.url = url;
        this.schema = schema;
        this.channel = "pastel_events" + (schema == null ? "" : "_" + schema.toLowerCase().replaceAll("[^a-z0-9_]", ""));
        this.listener = Thread.ofPlatform().name("pg-listen").daemon().start(this::listen);
    }

    @Override
    public void publish(Event event) {
        try {
            var id = Ids.newId(System.currentTimeMillis());
            var payload = Json.MAPPER.writeValueAsString(event);
            var inline = payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= NOTIFY_LIMIT;
            store.publish(id, payload, channel, inline ? id + "\n" + payload : id);
        } catch (Exception e) {
            LOG.warn("event not published type={} error=\"{}\"", event.getClass().getSimpleName(), e.getMessage());
        }
    }

    @Override
    public void subscribe(Consumer<Event> consumer) {
        this.consumer = consumer;
    }

    /// Deletes events older than [#KEEP_MILLIS]: a sweep task, run once per cluster.
    public int prune() {
        return store.deleteOlderThan(KEEP_MILLIS);
    }

    private void listen() {
        long lastAlive = -1;
        while (running) {
            try (var connection = connect()) {
                listening = connection;
                BusEventStore.listen(connection, channel);
                var pg = connection.unwrap(PGConnection.class);
                // Listening again: whatever was published while we were not is in the table.
                if (lastAlive >= 0) catchUp(lastAlive - CATCH_UP_MARGIN_MILLIS);
                lastAlive = BusEventStore.databaseMillis(connection);
                var nextHeartbeat = System.nanoTime() + HEARTBEAT_MILLIS * 1_000_000;
                while (running) {
                    var notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (var notification : notifications) heard(notification.getParameter());
                    }
                    if (System.nanoTime() >= nextHeartbeat) {
                        // Also how a silently dead connection is noticed.
                        lastAlive = BusEventStore.databaseMillis(connection);
                        nextHeartbeat = System.nanoTime() + HEARTBEAT_MILLIS * 1_000_000;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = null;
                if (!running) return;
                LOG.warn("LISTEN connection lost, reconnecting in 0.5 s (then catching up): {}", e.getMessage());
                try {
                    do {
                        Thread.sleep(500);
                    } while (holdReconnect && running);
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                listening = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        var properties = new Properties();
        if (schema != null) properties.setProperty("currentSchema", schema);
        properties.setProperty("ApplicationName", "pastel-listen " + channel);
        return DriverManager.getConnection(url, properties);
    }

    private void heard(String message) {
        var newline = message.indexOf('\n');
        var id = newline < 0 ? message : message.substring(0, newline);
        if (newline >= 0) {
            deliver(id, message.substring(newline + 1));
        } else {
            // Too large for a notification: read from the table.
            store.payload(id).ifPresent(payload -> deliver(id, payload));
        }
    }

    private void catchUp(long sinceMillis) {
        int count = 0;
        for (var event : store.since(sinceMillis)) {
            if (deliver(event.id(), event.payload())) count++;
        }
        caughtUp += count;
        LOG.info("LISTEN reconnected; caught up events={}", count);
    }

    /// Delivers an event unless its id was delivered already; true when delivered now.
    private boolean deliver(String id, String payload) {
        synchronized (delivered) {
            if (delivered.containsKey(id)) return false;
            var now = System.currentTimeMillis();
            delivered.put(id, now);
            // Ids are remembered longer than events are kept: a catch-up can never meet a forgotten one.
            var oldest = delivered.entrySet().iterator();
            while (oldest.hasNext() && oldest.next().getValue() < now - 2 * KEEP_MILLIS) oldest.remove();
        }
        try {
            consumer.accept(Json.MAPPER.readValue(payload, Event.class));
        } catch (Exception e) {
            LOG.warn("unreadable event dropped: {}", e.getMessage());
        }
        return true;
    }

    /// How many events this node recovered from the table after reconnecting (for tests and metrics).
    public long caughtUp() {
        return caughtUp;
    }

    /// Whether the LISTEN connection is up.
    public boolean listening() {
        return listening != null;
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
    }
}
