package pastel.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.db.Ids;
import pastel.http.Json;

/// Sends the push outbox to the browsers' push services (RFC 8030): claims due rows for this
/// node, writes each message (or drops it: setting off, account blocked, content gone), encrypts
/// it (RFC 8291), signs the request (RFC 8292) and sends it with `TTL`, `Urgency` and `Topic`.
///
/// Outcomes: 201/202 delete the row (in one statement per [#DONE_AT_ONCE] rows: a single-writer
/// database cannot afford a commit per push); 404/410 delete the subscription (the browser unsubscribed);
/// 429 and 5xx and network errors retry with exponential back-off (or the push service's
/// `Retry-After`) up to [#MAX_ATTEMPTS]; any other answer drops the row. Rows are claimed for a
/// lease, so several nodes share the work and a dead node's rows are taken over when it lapses.
public final class PushSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);
    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /// How long a claim lasts unless renewed: a killed node's rows are taken over this long after.
    static final Duration LEASE = Duration.ofSeconds(30);
    /// How often a node renews the claims of the batch it is sending.
    static final Duration RENEW = Duration.ofSeconds(10);
    static final int BATCH = 500;
    /// Pushes in flight at once, over all push services. Each costs CPU (an ECDH key pair and
    /// agreement, a JSON message, TLS): a few are enough to keep the push services busy, and more
    /// only take the cores from the WebSocket fan-out and the API, which must not wait for pushes.
    static final int CONCURRENCY = 4;
    /// Sent rows deleted at once. A node killed before deleting them sends them again after the
    /// lease (a push service shows the repeat in place of the first: same `Topic`).
    static final int DONE_AT_ONCE = 100;
    /// How often the outbox is looked at when nothing woke the sender (retries, other nodes' rows).
    static final Duration POLL = Duration.ofSeconds(1);

    private final PushStore store;
    private final PushKeys keys;
    private final Clock clock;
    private final String subject;
    private final String node = "node-" + Ids.newId(System.currentTimeMillis()).substring(10);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Map<String, VapidKey> keyCache = new ConcurrentHashMap<>();
    /// VAPID `Authorization` per key and push service origin: RFC 8292 lets a token be reused
    /// until its `exp`, which saves an ES256 signature per push.
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final java.util.Queue<String> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private record Token(String authorization, long renewAt) {}
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean woken;
    private volatile boolean running;
    private volatile java.util.function.Function<String, String> icons = id -> null;
    private Thread thread;

    PushSender(PushStore store, PushKeys keys, Clock clock, String subject) {
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.subject = subject;
    }

    void icons(java.util.function.Function<String, String> icons) {
        this.icons = icons;
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().name("push-sender").daemon().start(this::loop);
    }

    /// Something was queued on this node: look now rather than at the next poll.
    void wake() {
        lock.lock();
        try {
            woken = true;
            wake.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            try {
                while (running && sendDue() > 0) {
                    // a full batch may mean more is due
                }
                lock.lock();
                try {
                    if (!woken) wake.await(POLL.toMillis(), TimeUnit.MILLISECONDS);
                    woken = false;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("push sending failed, retrying in a second: {}", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /// Sends one batch of due rows; returns how many were claimed (0: nothing due).
    int sendDue() {
        var now = clock.millis();
        store.deleteExpired(now);
        var until = now + LEASE.toMillis();
        if (store.claim(node, now, until, BATCH) == 0) return 0;
        var rows = store.claimed(node, until, now);
        var permits = new Semaphore(CONCURRENCY);
        // A story to 5,000 people has one actor: its picture's URL is looked up once per batch.
        var iconsOfBatch = new ConcurrentHashMap<String, String>();
        var threads = new ArrayList<Thread>(rows.size());
        for (var due : rows) {
            permits.acquireUninterruptibly();
            threads.add(Thread.startVirtualThread(() -> {
                try {
                    deliver(due, iconsOfBatch);
                } catch (RuntimeException e) {
                    LOG.warn("push failed kind={} error=\"{}\"", due.kind(), e.toString());
                    store.retryAt(due.id(), node, backoff(due, null));
                } finally {
                    permits.release();
                }
            }));
        }
        try {
            // A slow push service must not let the lease lapse under a batch still being sent.
            for (var t : threads) {
                while (!t.join(RENEW)) store.renew(node, clock.millis() + LEASE.toMillis());
            }
        } catch (InterruptedException e) {
            // Closing: what was not sent keeps its claim until the lease lapses, then is sent again.
            Thread.currentThread().interrupt();
        } finally {
            flushSent(0);
        }
        return rows.size();
    }

    private void deliver(PushStore.Due due, Map<String, String> iconsOfBatch) {
        var now = clock.instant();
        var message = wanted(due, now) ? PushMessage.of(due, settingsOf(due, now), icon(due.actorId(), iconsOfBatch)) : null;
        if (message == null || due.expiresAt() <= now.toEpochMilli()) {
            finished(due);
            return;
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request(due, message, now), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            LOG.info("push service unreachable host={} error=\"{}\"", URI.create(due.endpoint()).getHost(), e.toString());
            retry(due, null);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            // Keys a browser would never give (validated on subscribing): nothing can be sent to it.
            LOG.warn("push subscription unusable, removed: {}", e.toString());
            store.delete(due.subscriptionId());
            return;
        }
        var status = response.statusCode();
        if (status == 201 || status == 202 || status == 200) {
            finished(due);
        } else if (status == 404 || status == 410) {
            // The browser unsubscribed or the subscription expired: it will never work again.
            store.delete(due.subscriptionId());
        } else if (status == 429 || status >= 500) {
            retry(due, response.headers().firstValue("Retry-After").orElse(null));
        } else {
            LOG.warn("push refused status={} kind={}; dropped", status, due.kind());
            finished(due);
        }
    }

    /// A row sent or dropped: deleted with the next [#DONE_AT_ONCE], or at the end of its batch.
    private void finished(PushStore.Due due) {
        sent.add(due.id());
        flushSent(DONE_AT_ONCE);
    }

    /// Deletes the finished rows once at least `atLeast` are waiting (0: whatever is waiting).
    private void flushSent(int atLeast) {
        if (sent.isEmpty() || (atLeast > 0 && sent.size() < atLeast)) return;
        var ids = new ArrayList<String>();
        for (String id; ids.size() < 1000 && (id = sent.poll()) != null; ) ids.add(id);
        try {
            store.done(ids, node);
        } catch (RuntimeException e) {
            // Not deleted: sent again once the lease lapses, as after a crash.
            LOG.warn("sent pushes not deleted from the outbox: {}", e.toString());
        }
        if (atLeast == 0 && !sent.isEmpty()) flushSent(0);
    }

    private void retry(PushStore.Due due, String retryAfter) {
        if (due.attempts() + 1 >= MAX_ATTEMPTS) {
            LOG.warn("push given up after {} attempts kind={}", MAX_ATTEMPTS, due.kind());
            finished(due);
            return;
        }
        store.retryAt(due.id(), node, backoff(due, retryAfter));
    }

    /// 5 s, 10 s, 20 s ... capped at an hour; the push service's `Retry-After` (seconds) wins when longer.
    private long backoff(PushStore.Due due, String retryAfter) {
        var delay = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(due.attempts(), 20));
        if (retryAfter != null) {
            try {
                delay = Math.min(MAX_BACKOFF.toMillis(), Math.max(delay, Long.parseLong(retryAfter.strip()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: keep our own back-off
            }
        }
        return clock.millis() + delay;
    }

    /// The actor's picture URL (small variant), or null: a notification without it is still right.
    private String icon(String actorId, Map<String, String> iconsOfBatch) {
        if (actorId == null) return null;
        var icon = iconsOfBatch.computeIfAbsent(actorId, id -> {
            try {
                return java.util.Objects.requireNonNullElse(icons.apply(id), "");
            } catch (RuntimeException e) {
                return "";
            }
        });
        return icon.isEmpty() ? null : icon;
    }

    /// Whether the recipient still wants this, at the moment of sending.
    static boolean wanted(PushStore.Due due, Instant now) {
        if (due.blocked() || !due.alive()) return false;
        if (due.kind().equals("story.follow")) return due.follows();
        if (due.accountId() == null) return false;
        var settings = settingsOf(due, now);
        return switch (due.kind()) {
            case "snap" -> settings.snaps();
            case "chat" -> settings.chat();
            case "friend.request", "friend.accepted" -> settings.friends();
            case "story" -> (due.friend() && settings.friendStories())
                    || (due.subscriber() && settings.subscriptionStories() && !due.muted());
            case "community.approved", "community.rejected" -> settings.community();
            case "snap.screenshot" -> settings.screenshots();
            default -> false;
        };
    }

    static PushSettings settingsOf(PushStore.Due due, Instant now) {
        if (due.settings() != null) return due.settings();
        // A visitor's follow has no account: it shows the public account's name, nothing private.
        if (due.accountId() == null) return PushSettings.defaults(false);
        return PushSettings.defaults(PushService.minor(due.recipientBirthDay(), now));
    }

    private HttpRequest request(PushStore.Due due, PushMessage message, Instant now)
            throws java.security.GeneralSecurityException {
        var endpoint = URI.create(due.endpoint());
        var key = keyCache.computeIfAbsent(due.vapidKeyId(), id -> keys.byId(id));
        var plaintext = json(message.json());
        if (plaintext.length > WebPushEncryption.MAX_PLAINTEXT) {
            // A long picture URL must not cost the notification itself.
            plaintext = json(new PushMessage(message.kind(), message.title(), message.body(), message.tag(), message.url(),
                    null, message.follow(), message.lang()).json());
        }
        var body = WebPushEncryption.encrypt(plaintext, Base64.getUrlDecoder().decode(due.p256dh()),
                Base64.getUrlDecoder().decode(due.auth()));
        var ttl = Math.max(0, Math.min(PushService.MAX_TTL.toSeconds(), (due.expiresAt() - now.toEpochMilli()) / 1000));
        return HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("TTL", Long.toString(ttl))
                .header("Urgency", urgency(due.kind()))
                .header("Topic", message.tag())
                .header("Authorization", authorization(endpoint, key, now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /// The VAPID header for this push service origin, signed once and reused until half its
    /// lifetime has passed (so a reused token always has hours left before its `exp`).
    private String authorization(URI endpoint, VapidKey key, Instant now) throws java.security.GeneralSecurityException {
        var cacheKey = key.id() + " " + VapidToken.audience(endpoint);
        var cached = tokens.get(cacheKey);
        if (cached != null && now.toEpochMilli() < cached.renewAt()) return cached.authorization();
        var fresh = new Token(VapidToken.authorization(endpoint, key, subject, now),
                now.toEpochMilli() + VapidToken.LIFETIME.toMillis() / 2);
        if (tokens.size() > 10_000) tokens.clear();
        tokens.put(cacheKey, fresh);
        return fresh.authorization();
    }

    /// RFC 8030 section 5.3: what a phone on battery should wake up for.
    static String urgency(String kind) {
        return switch (kind) {
            case "snap", "chat" -> "high";
            case "story", "story.follow" -> "low";
            default -> "normal";
        };
    }

    private static byte[] json(Map<String, Object> value) {
        try {
            return Json.MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        client.close();
    }
}
