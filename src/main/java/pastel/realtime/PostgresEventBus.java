package pastel.realtime;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.http.Json;

/// Events across nodes through PostgreSQL: `pg_notify` to publish, one dedicated connection per
/// node that LISTENs. A node hears its own notifications too, which is how it delivers locally,
/// so an event is never delivered twice. Payloads over PostgreSQL's 8000-byte limit drop the
/// chat text (the client fetches it).
public final class PostgresEventBus implements EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventBus.class);

    private final String url;
    private final String channel;
    private final Thread listener;
    private volatile Consumer<Event> consumer = event -> { };
    private volatile boolean running = true;
    private volatile Connection publishing;

    public PostgresEventBus(String url, String schema) {
        this.url = url;
        this.channel = "pastel_events" + (schema == null ? "" : "_" + schema.toLowerCase().replaceAll("[^a-z0-9_]", ""));
        this.listener = Thread.ofPlatform().name("pg-listen").daemon().start(this::listen);
    }

    @Override
    public void publish(Event event) {
        try {
            var payload = Json.MAPPER.writeValueAsString(event);
            if (payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 7900
                    && event instanceof Event.ChatMessage m) {
                payload = Json.MAPPER.writeValueAsString(new Event.ChatMessage(m.at(), m.to(), m.messageId(), m.from(),
                        m.conversation(), null, m.storyItemId()));
            }
            synchronized (this) {
                if (publishing == null || publishing.isClosed()) publishing = DriverManager.getConnection(url);
                try (var statement = publishing.prepareStatement("SELECT pg_notify(?, ?)")) {
                    statement.setString(1, channel);
                    statement.setString(2, payload);
                    statement.execute();
                }
            }
        } catch (Exception e) {
            LOG.warn("event not published type={} error=\"{}\"", event.getClass().getSimpleName(), e.getMessage());
            closePublishing();
        }
    }

    @Override
    public void subscribe(Consumer<Event> consumer) {
        this.consumer = consumer;
    }

    private void listen() {
        while (running) {
            try (var connection = DriverManager.getConnection(url)) {
                try (var statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(500);
                    if (notifications == null) continue;
                    for (var notification : notifications) {
                        try {
                            consumer.accept(Json.MAPPER.readValue(notification.getParameter(), Event.class));
                        } catch (Exception e) {
                            LOG.warn("unreadable event dropped: {}", e.getMessage());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) return;
                // Events during the outage are lost; clients refetch when they reconnect.
                LOG.warn("LISTEN connection lost, retrying in 1 s: {}", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private synchronized void closePublishing() {
        try {
            if (publishing != null) publishing.close();
        } catch (SQLException ignored) {
            // already broken
        }
        publishing = null;
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        closePublishing();
    }
}
