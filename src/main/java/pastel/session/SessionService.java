package pastel.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.account.ChangeLog;
import pastel.account.Passwords;
import pastel.config.Config;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;

/// Signing in and out, and turning a bearer token back into its account.
public final class SessionService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
    /// A session unused for this long is over.
    public static final Duration IDLE_EXPIRY = Duration.ofDays(30);
    /// `last_used_at` is written at most this often, so reads do not turn every request into a write.
    private static final long TOUCH_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final SecureRandom RANDOM = new SecureRandom();
    /// How long a checked session is trusted without asking the database again. Sign-outs and
    /// account changes made through this node apply at once; those made on another node or by
    /// `pastel admin` (another process) apply within this.
    static final Duration RECHECK_AFTER = Duration.ofSeconds(2);
    private static final int MAX_RECENT = 100_000;

    private record Recent(Account account, long lastUsedAt, long version, long checkedNanos) {}

    /// Sessions checked lately, by token hash: an active client's requests skip the database.
    private final ConcurrentHashMap<String, Recent> recent = new ConcurrentHashMap<>();
    private final java.util.List<java.util.function.Consumer<String>> onSignOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    /// Uses of sessions not written yet: token hash -> when.
    private final ConcurrentHashMap<String, Long> pendingTouches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService toucher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("session-touches").daemon().factory());
    private final ChangeLog changes = new ChangeLog(RECHECK_AFTER);

    private final SessionStore store;
    private final AccountStore accounts;
    private final Passwords passwords;
    private final LoginLimiter limiter;
    private final Clock clock;

    public SessionService(Jdbi jdbi, AccountStore accounts, Passwords passwords, Clock clock, Config.LoginLimits limits) {
        this.store = new SessionStore(jdbi);
        this.accounts = accounts;
        this.passwords = passwords;
        this.limiter = new LoginLimiter(store, clock, limits);
        this.clock = clock;
        toucher.scheduleWithFixedDelay(this::flushTouches, 500, 500, TimeUnit.MILLISECONDS);
    }

    public record SignedIn(String token, Account account) {}

    public SignedIn signIn(String username, String password, String clientAddress) {
        var rules = new java.util.ArrayList<PastelException.FieldError>();
        if (username == null || username.isBlank()) rules.add(PastelException.FieldError.required("username"));
        if (password == null || password.isEmpty()) rules.add(PastelException.FieldError.required("password"));
        if (!rules.isEmpty()) throw new PastelException.Invalid(rules);
        var name = username.strip().toLowerCase();
        if (name.length() > 64 || password.length() > 1024) {
            throw new PastelException.Unauthenticated(ProblemType.BAD_CREDENTIALS, "wrong username or password");
        }
        limiter.blockedFor(name, clientAddress).ifPresent(wait -> {
            throw new PastelException.TooManyRequests("too many failed sign-ins; try again later", wait);
        });
        var account = accounts.byUsername(name);
        var hash = account.flatMap(a -> accounts.passwordHash(a.id()));
        if (hash.isEmpty()) {
            passwords.burn(password);
        }
        if (hash.isEmpty() || !passwords.matches(password, hash.get())) {
            limiter.failed(name, clientAddress);
            throw new PastelException.Unauthenticated(ProblemType.BAD_CREDENTIALS, "wrong username or password");
        }
        limiter.succeeded(name);
        var token = newToken();
        store.insert(hashOf(token), account.get().id(), clock.millis());
        return new SignedIn(token, account.get());
    }

    /// The account behind a bearer token, if the session is alive.
    public Optional<Account> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) return Optional.empty();
        var hash = hashOf(token);
        var now = clock.millis();
        var known = recent.get(hash);
        if (known != null) {
            if (System.nanoTime() - known.checkedNanos() < RECHECK_AFTER.toNanos()
                    && now - known.lastUsedAt() < IDLE_EXPIRY.toMillis()
                    && changes.unchangedSince(known.account().id(), known.version())) {
                if (now - known.lastUsedAt() >= TOUCH_EVERY_MILLIS) {
                    touch(hash, now);
                    recent.replace(hash, known, new Recent(known.account(), now, known.version(), known.checkedNanos()));
                }
                return Optional.of(known.account());
            }
            recent.remove(hash, known);
        }
        // Both taken before the read: the entry's age counts from the moment it could go stale.
        var checkedAt = System.nanoTime();
        var version = changes.version();
        var found = store.find(hash);
        if (found.isEmpty()) return Optional.empty();
        // A use not yet written down counts as much as one that is.
        var lastUsedAt = Math.max(found.get().lastUsedAt(), pendingTouches.getOrDefault(hash, 0L));
        if (now - lastUsedAt >= IDLE_EXPIRY.toMillis()) return Optional.empty();
        if (now - lastUsedAt >= TOUCH_EVERY_MILLIS) {
            touch(hash, now);
            lastUsedAt = now;
        }
        if (recent.size() >= MAX_RECENT) recent.clear();
        recent.put(hash, new Recent(found.get().account(), lastUsedAt, version, checkedAt));
        return Optional.of(found.get().account());
    }

    /// Forgets what this node knows of the account's sessions (it changed, or was deleted).
    public void accountChanged(String accountId) {
        changes.changed(accountId);
    }

    public void signOut(String token) {
        var hash = hashOf(token);
        store.delete(hash);
        ended(hash);
    }

    private void ended(String hash) {
        pendingTouches.remove(hash);
        recent.remove(hash);
        onSignOut.forEach(listener -> listener.accept(hash));
    }

    /// Registers who must hear of a sign-out on this node (other nodes, through the event bus).
    public void onSignOut(java.util.function.Consumer<String> listener) {
        onSignOut.add(listener);
    }

    /// Ends every session of an account (it is being deleted): each is a sign-out, told to this
    /// node's listeners (its WebSockets close) and to the other nodes like one.
    public void endAll(String accountId) {
        store.deleteAllBut(accountId, "").forEach(this::ended);
    }

    /// Whether the session whose token hashes to `tokenHash` is still in the database (not signed
    /// out, here or by another process). Reads the database: for periodic checks, not requests.
    public boolean exists(String tokenHash) {
        return store.find(tokenHash).isPresent();
    }

    /// Forgets a session signed out on another node.
    public void forget(String tokenHash) {
        recent.remove(tokenHash);
    }

    /// Ends every session of `account` but the one of `keptToken` (after a password change):
    /// each is a sign-out, told to this node's cache and to the other nodes like one.
    public void endOthers(Account account, String keptToken) {
        store.deleteAllBut(account.id(), hashOf(keptToken)).forEach(this::ended);
    }

    // Marking a session used is bookkeeping for the 30-day idle rule, never a reason to fail or
    // slow a request: uses are noted in memory and written together, off the request path, so
    // they do not queue behind SQLite's one writer (the story views' group commits).
    private void touch(String hash, long now) {
        pendingTouches.merge(hash, now, Math::max);
    }

    /// Writes the uses noted since the last call in one transaction; kept for the next call if
    /// the database refuses.
    public void flushTouches() {
        if (pendingTouches.isEmpty()) return;
        var batch = new java.util.HashMap<String, Long>();
        for (var hash : pendingTouches.keySet()) {
            var at = pendingTouches.remove(hash);
            if (at != null) batch.put(hash, at);
        }
        try {
            store.touchAll(batch);
        } catch (RuntimeException e) {
            batch.forEach((hash, at) -> pendingTouches.merge(hash, at, Math::max));
            LOG.warn("marking {} sessions used failed; will retry", batch.size(), e);
        }
    }

    /// Stops the background writer after a last flush.
    @Override
    public void close() {
        toucher.shutdownNow();
        flushTouches();
    }

    /// Deletes sessions idle for 30 days and failed sign-ins past the limiter's window; run by the sweeper.
    public int sweep() {
        return store.deleteIdleSince(clock.millis() - IDLE_EXPIRY.toMillis()) + limiter.sweep();
    }

    /// Forgets the failed sign-ins counted against a name (its account is being deleted).
    public void forgetFailures(String username) {
        limiter.forget(username);
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /// The reference of a token's session given to media URLs: the first half of its hash, which
    /// names the session without being able to authenticate as it.
    public static String referenceOf(String token) {
        return hashOf(token).substring(0, REFERENCE_LENGTH);
    }

    static final int REFERENCE_LENGTH = 32;

    /// The SHA-256 (hex) a session is stored under, and named by between nodes; also the key of
    /// the push subscriptions made in it.
    public static String hashOf(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
