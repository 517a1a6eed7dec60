package pastel.realtime;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.http.Json;

/// This node's WebSocket clients, by account, and delivery to them.
///
/// Each connection has a bounded queue and, while it has something to send, its own virtual
/// sender thread, so a client that stops reading only fills its own queue: when it overflows, that connection is closed with
/// code 4008 ("too slow, refetch your state") and nobody else waits.
public final class Hub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
    static final int QUEUE_SIZE = 256;
    /// Close code sent to a client whose queue overflowed.
    public static final int TOO_SLOW = 4008;
    /// Close code sent when the connection's session ended (sign-out, password change, account
    /// deletion): the client must sign in again.
    public static final int SESSION_ENDED = 4001;
    private static final long SEND_TIMEOUT_SECONDS = 10;
    /// Keeps connections alive through proxies; a client that stops answering hits the idle timeout.
    private static final long PING_EVERY_SECONDS = 20;
    private static final ByteBuffer NO_DATA = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final Map<String, Set<Connection>> byAccount = new ConcurrentHashMap<>();
    private final Function<String, Set<String>> followersOf;
    private final java.util.function.Predicate<String> sessionExists;
    // One timer for every connection's keep-alive ping, instead of a scheduled task per connection.
    private final ScheduledExecutorService pinger = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("websocket-pings").daemon().factory());

    /// `followersOf` answers, for an account id, who may see its new story items (friends and
    /// subscribers): read once per story posted, never written per subscriber. `sessionExists`
    /// answers whether a session (by token hash) is still in the database.
    public Hub(Function<String, Set<String>> followersOf, java.util.function.Predicate<String> sessionExists) {
        this.followersOf = followersOf;
        this.sessionExists = sessionExists;
        pinger.scheduleWithFixedDelay(this::ping, PING_EVERY_SECONDS, PING_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    /// The keep-alive round, run every 20 s (and by tests, which do not wait for it): pings
    /// every connection and closes those whose session has ended.
    public void ping() {
        // A session ended where no listener of this node hears it (`pastel admin create-admin`
        // resetting a password from another process, an event lost with a node) still closes its
        // connections, by the next ping: one indexed look-up per session every 20 s.
        var ended = new java.util.HashSet<String>();
        var alive = new java.util.HashSet<String>();
        byAccount.values().forEach(connections -> connections.forEach(c -> {
            try {
                if (ended.contains(c.tokenHash) || !alive.contains(c.tokenHash) && !sessionExists.test(c.tokenHash)) {
                    ended.add(c.tokenHash);
                    c.close(SESSION_ENDED, "session ended: sign in again");
                    return;
                }
                alive.add(c.tokenHash);
                c.session.sendPing(NO_DATA.duplicate(), Callback.NOOP);
            } catch (RuntimeException e) {
                c.close(1011, "error");
            }
        }));
    }

    @Override
    public void close() {
        pinger.shutdownNow();
    }

    final class Connection {
        final String accountId;
        /// The SHA-256 of the token the connection was opened with.
        final String tokenHash;
        // The Jetty session only: holding Javalin's WsContext would keep its copies of the upgrade
        // request's headers and parameters alive for as long as the connection lasts.
        final Session session;
        // No thread and no buffer while idle: a sender (virtual) thread exists only while there is
        // something to send, which keeps 10,000 idle connections cheap.
        private final Queue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pending = new AtomicInteger();
        private final AtomicBoolean sending = new AtomicBoolean();
        volatile boolean open = true;

        Connection(String accountId, String tokenHash, Session session) {
            this.accountId = accountId;
            this.tokenHash = tokenHash;
            this.session = session;
        }

        void offer(String message) {
            if (!open) return;
            if (pending.incrementAndGet() > QUEUE_SIZE) {
                LOG.info("closing slow websocket account={}", accountId);
                close(TOO_SLOW, "too slow: events were dropped, refetch your state");
                return;
            }
            queue.add(message);
            if (sending.compareAndSet(false, true)) Thread.startVirtualThread(this::drain);
        }

        private void drain() {
            try {
                while (open) {
                    var message = queue.poll();
                    if (message == null) {
                        sending.set(false);
                        // A message may have arrived between the poll and the flag: take it over again.
                        if (queue.isEmpty() || !sending.compareAndSet(false, true)) return;
                        continue;
                    }
                    var sent = new Callback.Completable();
                    session.sendText(message, sent);
                    sent.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    pending.decrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                close(TOO_SLOW, "too slow: events were dropped, refetch your state");
            }
        }

        void close(int code, String reason) {
            if (!open) return;
            open = false;
            remove(this);
            queue.clear();
            try {
                session.close(code, reason, Callback.NOOP);
            } catch (RuntimeException ignored) {
                // already closing
            }
        }
    }

    Connection connect(String accountId, String tokenHash, Session session) {
        var connection = new Connection(accountId, tokenHash, session);
        byAccount.computeIfAbsent(accountId, k -> ConcurrentHashMap.newKeySet()).add(connection);
        return connection;
    }

    void remove(Connection connection) {
        byAccount.computeIfPresent(connection.accountId, (k, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    /// Delivers an event to this node's connections it concerns.
    /// What this node's bus hands the hub, after the other listeners: a session ended on any node
    /// closes its connections here, then the event reaches the connections it is for.
    public void hear(Event event) {
        if (event instanceof Event.SessionEnded ended) endSession(ended.tokenHash());
        deliver(event);
    }

    public void deliver(Event event) {
        if (Event.internal(event)) return;
        String message;
        try {
            message = Json.MAPPER.writeValueAsString(Event.wire(event));
        } catch (Exception e) {
            LOG.warn("cannot encode event", e);
            return;
        }
        var recipient = Event.recipient(event);
        if (recipient != null) {
            var connections = byAccount.get(recipient);
            if (connections != null) connections.forEach(c -> c.offer(message));
            return;
        }
        if (event instanceof Event.StoryPosted posted && !byAccount.isEmpty()) {
            var followers = followersOf.apply(posted.accountId());
            // Walk the smaller side: connected clients or followers.
            if (followers.size() < byAccount.size()) {
                for (var follower : followers) {
                    var connections = byAccount.get(follower);
                    if (connections != null) connections.forEach(c -> c.offer(message));
                }
            } else {
                byAccount.forEach((account, connections) -> {
                    if (followers.contains(account)) connections.forEach(c -> c.offer(message));
                });
            }
        }
    }

    /// Closes this node's connections opened with the session whose token hashes to `tokenHash`
    /// (code [#SESSION_ENDED]). Sign-outs of other nodes arrive here through the event bus.
    public void endSession(String tokenHash) {
        byAccount.values().forEach(connections -> connections.forEach(c -> {
            if (c.tokenHash.equals(tokenHash)) c.close(SESSION_ENDED, "session ended: sign in again");
        }));
    }

    /// Whether `accountId` has a live connection on this node.
    public boolean isConnected(String accountId) {
        var connections = byAccount.get(accountId);
        return connections != null && !connections.isEmpty();
    }

    public int connections() {
        return byAccount.values().stream().mapToInt(Set::size).sum();
    }
}
