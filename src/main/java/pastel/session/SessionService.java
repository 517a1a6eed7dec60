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
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountStore;
import pastel.account.Passwords;
import pastel.config.Config;
import pastel.problem.PastelException;

/// Signing in and out, and turning a bearer token back into its account.
public final class SessionService {
    /// A session unused for this long is over.
    public static final Duration IDLE_EXPIRY = Duration.ofDays(30);
    /// `last_used_at` is written at most this often, so reads do not turn every request into a write.
    private static final long TOUCH_EVERY_MILLIS = Duration.ofMinutes(1).toMillis();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SessionStore store;
    private final AccountStore accounts;
    private final Passwords passwords;
    private final LoginLimiter limiter;
    private final Clock clock;

    public SessionService(Jdbi jdbi, AccountStore accounts, Passwords passwords, Clock clock, Config.LoginLimits limits) {
        this.store = new SessionStore(jdbi);
        this.accounts = accounts;
        this.passwords = passwords;
        this.limiter = new LoginLimiter(clock, limits);
        this.clock = clock;
    }

    public record SignedIn(String token, Account account) {}

    public SignedIn signIn(String username, String password, String clientAddress) {
        var rules = new java.util.ArrayList<PastelException.FieldError>();
        if (username == null || username.isBlank()) rules.add(new PastelException.FieldError("username", "is required"));
        if (password == null || password.isEmpty()) rules.add(new PastelException.FieldError("password", "is required"));
        if (!rules.isEmpty()) throw new PastelException.Invalid(rules);
        var name = username.strip().toLowerCase();
        if (name.length() > 64 || password.length() > 1024) {
            throw new PastelException.Unauthenticated("wrong username or password");
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
            throw new PastelException.Unauthenticated("wrong username or password");
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
        var found = store.find(hash, now - IDLE_EXPIRY.toMillis());
        found.ifPresent(f -> {
            if (now - f.lastUsedAt() >= TOUCH_EVERY_MILLIS) store.touch(hash, now);
        });
        return found.map(SessionStore.Found::account);
    }

    public void signOut(String token) {
        store.delete(hashOf(token));
    }

    /// Deletes sessions idle for 30 days; run by the sweeper.
    public int sweep() {
        return store.deleteIdleSince(clock.millis() - IDLE_EXPIRY.toMillis());
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hashOf(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
