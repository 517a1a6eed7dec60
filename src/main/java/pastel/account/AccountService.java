package pastel.account;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.JdbiException;
import pastel.db.Ids;
import pastel.problem.PastelException;
import pastel.problem.ProblemType;

/// Sign-up, profiles and the account's own settings.
public final class AccountService {
    private static final Set<String> EDITABLE = Set.of("displayName", "bio", "website", "city", "category",
            "password", "currentPassword");

    private final AccountStore store;
    private final Passwords passwords;
    private final Ages ages;
    private final Clock clock;
    private final Relations relations;
    private final java.util.List<java.util.function.Consumer<String>> beforeDelete = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.List<java.util.function.Consumer<String>> onChange = new java.util.concurrent.CopyOnWriteArrayList<>();

    public AccountService(AccountStore store, Passwords passwords, Ages ages, Clock clock, Relations relations) {
        this.store = store;
        this.relations = relations;
        this.passwords = passwords;
        this.ages = ages;
        this.clock = clock;
    }

    /// What `POST /accounts` reads.
    public record NewAccount(String username, String password, String displayName, String birthDate,
                             Account.Kind kind, Account.Category category, String city, String bio,
                             String website) {}

    public Account signUp(NewAccount form) {
        var rules = new AccountRules(ages);
        var username = rules.username(form.username());
        var password = rules.password("password", form.password());
        var displayName = rules.displayName(form.displayName());
        var birthDate = rules.birthDate(form.birthDate());
        var kind = form.kind() == null ? Account.Kind.PERSONAL : form.kind();
        var city = rules.text("city", form.city(), 64);
        var bio = rules.text("bio", form.bio(), 300);
        var website = rules.website(form.website());
        if (kind == Account.Kind.PUBLIC) {
            rules.publicAccount(form.category(), city, birthDate);
        } else if (form.category() != null) {
            rules.fail("category", "not-allowed-value", "only public accounts have a category");
        }
        rules.check();
        var account = new Account(Ids.newId(clock.millis()), username, displayName, birthDate, kind,
                form.category(), city, bio, website, false, false, Instant.ofEpochMilli(clock.millis()));
        if (!insert(account, passwords.hash(password))) {
            throw new PastelException.Conflict(ProblemType.USERNAME_TAKEN, "the username '" + username + "' is taken");
        }
        return account;
    }

    /// Creates an operator account for `pastel admin create-admin`, or promotes an existing one
    /// and sets its password: the caller then ends its sessions, as a password change does.
    public Account createAdmin(String rawUsername, String password) {
        var rules = new AccountRules(ages);
        var username = rules.username(rawUsername);
        rules.password("password", password);
        rules.check();
        var existing = store.byUsername(username);
        if (existing.isPresent()) {
            store.setAdmin(existing.get().id(), true);
            store.updatePasswordHash(existing.get().id(), passwords.hash(password));
            changed(existing.get().id());
            return store.byId(existing.get().id()).orElseThrow();
        }
        var account = new Account(Ids.newId(clock.millis()), username, username, null, Account.Kind.PERSONAL,
                null, null, null, null, false, true, Instant.ofEpochMilli(clock.millis()));
        if (!insert(account, passwords.hash(password))) {
            throw new PastelException.Conflict(ProblemType.USERNAME_TAKEN, "the username '" + username + "' is taken");
        }
        return account;
    }

    private boolean insert(Account account, String hash) {
        try {
            return store.insert(account, hash);
        } catch (JdbiException e) {
            // Two sign-ups racing for one name: the unique index refused the second.
            if (store.byUsername(account.username()).isPresent()) return false;
            throw e;
        }
    }

    public Account byUsername(String username) {
        return store.byUsername(username)
                .orElseThrow(() -> new PastelException.NotFound(ProblemType.NO_SUCH_ACCOUNT, "no account named '" + username + "'"));
    }

    public Account byId(String id) {
        return store.byId(id).orElseThrow(() -> new PastelException.NotFound("no such account"));
    }

    /// An account as `viewer` (null: anonymous) may see it, or 404 as for an unknown name. The one
    /// owner of two rules: accounts that block each other do not exist for each other, and an
    /// account under 18 does not exist for anonymous callers (no profile, no public page, no
    /// Open Graph card: promise 2).
    public Account visibleTo(Account viewer, String username) {
        return findVisible(viewer, username)
                .orElseThrow(() -> new PastelException.NotFound(ProblemType.NO_SUCH_ACCOUNT, "no account named '" + username + "'"));
    }

    /// [#visibleTo] for a name shown beside something else (a community item's credit): empty
    /// when the account does not exist for `viewer`, so the name is left out rather than the whole.
    public java.util.Optional<Account> findVisible(Account viewer, String username) {
        return store.byUsername(username).filter(account ->
                !(viewer == null ? ages.isMinor(account) : relations.eitherBlocks().test(viewer.id(), account.id())));
    }

    /// Whether `viewer` sees more of `account` than its username and display name: always, except
    /// for the account of a minor seen by a signed-in stranger (neither itself, a friend, nor an admin).
    public boolean seesFullProfile(Account viewer, Account account) {
        if (!ages.isMinor(account) || viewer.id().equals(account.id()) || viewer.admin()) return true;
        return relations.areFriends().test(viewer.id(), account.id());
    }

    /// Whether `candidate` may be offered to `viewer` by a search on part of a name (friend search,
    /// suggestions). Minors are found only by their exact username, never by a prefix or a
    /// display name; accounts blocking each other are never found. Searches of other features
    /// ask this rather than restate it.
    public boolean findableByPartialName(Account viewer, Account candidate) {
        if (viewer != null && relations.eitherBlocks().test(viewer.id(), candidate.id())) return false;
        return !ages.isMinor(candidate);
    }

    /// Born on or before this epoch day means adult today: what SQL searches filter minors with
    /// (the same rule as [#findableByPartialName], for queries that cannot call it per row).
    public long adultBornOnOrBeforeEpochDay() {
        return ages.adultBornOnOrBefore().toEpochDay();
    }

    public long subscriberCount(Account account) {
        return relations.subscriberCount().applyAsLong(account.id());
    }

    public Account update(Account me, JsonNode changes) {
        if (!changes.isObject()) throw new PastelException.BadRequest("the body must be a JSON object");
        var rules = new AccountRules(ages);
        changes.fieldNames().forEachRemaining(name -> {
            if (!EDITABLE.contains(name)) rules.fail(name, "read-only", "cannot be changed here");
        });
        var displayName = changes.has("displayName") ? rules.displayName(text(rules, changes, "displayName")) : me.displayName();
        var bio = changes.has("bio") ? rules.text("bio", text(rules, changes, "bio"), 300) : me.bio();
        var website = changes.has("website") ? rules.website(text(rules, changes, "website")) : me.website();
        var city = changes.has("city") ? rules.text("city", text(rules, changes, "city"), 64) : me.city();
        var category = me.category();
        if (changes.has("category")) {
            category = category(rules, changes.get("category"));
            if (!me.isPublic()) rules.fail("category", "not-allowed-value", "only public accounts have a category");
        }
        if (me.isPublic()) {
            if (category == null && !rules.failed("category")) rules.fail("category", "required", "is required for a public account");
            if (city == null && !rules.failed("city")) rules.fail("city", "required", "is required for a public account");
        }
        String newHash = null;
        if (changes.has("password")) {
            var password = rules.password("password", text(rules, changes, "password"));
            var current = changes.has("currentPassword") ? text(rules, changes, "currentPassword") : null;
            rules.check();
            if (current == null || !passwords.matches(current, store.passwordHash(me.id()).orElseThrow())) {
                throw new PastelException.Forbidden("changing the password needs the current password");
            }
            newHash = passwords.hash(password);
        }
        rules.check();
        var updated = new Account(me.id(), me.username(), displayName, me.birthDate(), me.kind(), category, city,
                bio, website, me.verified(), me.admin(), me.createdAt());
        store.updateProfile(updated);
        if (newHash != null) store.updatePasswordHash(me.id(), newHash);
        changed(me.id());
        return updated;
    }

    /// Registers what must go before an account's rows do: things with bytes outside the
    /// database (media blobs), which ON DELETE CASCADE cannot reach.
    public void beforeDelete(java.util.function.Consumer<String> cleanup) {
        beforeDelete.add(cleanup);
    }

    /// Registers a cache of this node that must forget what it knows of an account when the
    /// account, or whom it follows, changes (see [#changed]).
    public void onChange(java.util.function.Consumer<String> listener) {
        onChange.add(listener);
    }

    /// Reports that these accounts, or their friendships, subscriptions or blocks, just changed.
    public void changed(String... accountIds) {
        for (var id : accountIds) onChange.forEach(listener -> listener.accept(id));
    }

    public void delete(Account me, String password) {
        var hash = store.passwordHash(me.id()).orElseThrow(() -> new PastelException.NotFound("account is gone"));
        if (password == null || !passwords.matches(password, hash)) {
            throw new PastelException.Forbidden("deleting the account needs its password");
        }
        beforeDelete.forEach(cleanup -> cleanup.accept(me.id()));
        store.delete(me.id());
        changed(me.id());
    }

    public void setVerified(String username, boolean verified) {
        var account = byUsername(username);
        if (!account.isPublic()) {
            throw new PastelException.Conflict("only public accounts can be verified");
        }
        store.setVerified(account.id(), verified);
        changed(account.id());
    }

    private static String text(AccountRules rules, JsonNode changes, String field) {
        var node = changes.get(field);
        if (node == null || node.isNull()) return null;
        if (!node.isTextual()) return rules.fail(field, "wrong-type", "has the wrong type, expected a string");
        return node.textValue();
    }

    private static Account.Category category(AccountRules rules, JsonNode node) {
        if (node == null || node.isNull()) return null;
        try {
            return Account.Category.valueOf(node.asText().toUpperCase());
        } catch (IllegalArgumentException e) {
            return rules.fail("category", "not-allowed-value", "must be one of: city, business, association, media, creator");
        }
    }
}
