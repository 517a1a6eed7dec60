package pastel.push;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Ages;
import pastel.block.BlockService;
import pastel.problem.PastelException;
import pastel.realtime.Event;

/// Web Push: browsers' subscriptions (of an account, or a visitor following public accounts),
/// each account's settings, and the outbox every realtime event that deserves a notification is
/// queued in. [PushSender] sends it.
public final class PushService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushService.class);
    /// The longest a push service is asked to keep a message (RFC 8030 `TTL`): four weeks.
    static final Duration MAX_TTL = Duration.ofDays(28);
    static final List<String> LANGUAGES = List.of("en", "fr");

    private final PushStore store;
    private final PushKeys keys;
    private final PushSender sender;
    private final AccountService accounts;
    private final Clock clock;
    private final boolean allowInsecureLoopback;

    /// `subject` is the VAPID contact (RFC 8292 `sub`): the instance's public URL, or a mailto.
    public PushService(Jdbi jdbi, AccountService accounts, Clock clock, String subject, boolean allowInsecureLoopback) {
        this.store = new PushStore(jdbi);
        this.keys = new PushKeys(store, clock);
        this.sender = new PushSender(store, keys, clock, subject);
        this.accounts = accounts;
        this.clock = clock;
        this.allowInsecureLoopback = allowInsecureLoopback;
    }

    /// Starts sending the outbox (and makes the VAPID key if this is the first start).
    public void start() {
        keys.current();
        sender.start();
    }

    /// Where notifications take the icon of the account they are about: its picture's URL by account id.
    public void icons(java.util.function.Function<String, String> iconOfAccount) {
        sender.icons(iconOfAccount);
    }

    public PushKeys keys() {
        return keys;
    }

    /// The public VAPID key browsers subscribe with (base64url).
    public String publicKey() {
        return keys.current().publicKey();
    }

    // ---- subscriptions

    /// Registers a browser's subscription: for the signed-in account `me` (made in session
    /// `sessionHash`), or, with `follow`, as a follow of that public account (no account needed).
    public void subscribe(Optional<Account> me, String sessionHash, PushSubscription form) {
        var checked = validate(form);
        var lang = language(form.lang());
        var now = clock.millis();
        Account followed = null;
        if (form.follow() != null) {
            followed = accounts.byUsername(form.follow().strip());
            // Only what has a public page can be followed without an account (never a 13-17 year old).
            if (!followed.isPublic()) throw new PastelException.NotFound("no public account " + form.follow());
            if (me.isPresent() && blocked(me.get().id(), followed.id())) {
                throw new PastelException.NotFound("no public account " + form.follow());
            }
        } else if (me.isEmpty()) {
            throw new PastelException.Unauthenticated("sign in first, or name the public account to follow");
        }
        var target = followed;
        var key = keys.current().id();
        store.jdbi().useTransaction(h -> {
            var owner = target == null ? me.get().id() : null;
            var id = store.upsert(h, checked, owner, owner == null ? null : sessionHash, key, lang, now);
            if (target != null) store.follow(h, id, target.id(), now);
        });
    }

    /// Removes a subscription, or one follow of it (`follow`). Who may: its signed-in owner, or
    /// whoever shows its auth secret (the browser that made it).
    public void unsubscribe(Optional<Account> me, PushSubscription form) {
        if (form == null || form.endpoint() == null) throw new PastelException.Invalid("endpoint", "is required");
        store.jdbi().useTransaction(h -> {
            var found = store.byEndpoint(h, form.endpoint());
            if (found.isEmpty()) return;
            var stored = found.get();
            var owner = me.isPresent() && me.get().id().equals(stored.accountId());
            var holder = form.keys() != null && stored.auth().equals(form.keys().auth());
            // Never say whether an endpoint is known to someone who cannot prove it is theirs.
            if (!owner && !holder) return;
            if (form.follow() != null) {
                store.accountIdOf(form.follow().strip().toLowerCase()).ifPresent(a -> store.unfollow(h, stored.id(), a));
            } else if (owner) {
                store.disown(h, stored.id());
            } else {
                PushStore.delete(h, stored.id());
            }
            store.deleteIfUnused(h, stored.id());
        });
    }

    /// Whether either account blocks the other (the block feature's rule).
    private boolean blocked(String a, String b) {
        return store.jdbi().withHandle(h -> BlockService.eitherBlocks(h, a, b));
    }

    /// Accounts a subscription follows without an account (for the page's button state).
    public List<String> follows(PushSubscription form) {
        if (form == null || form.endpoint() == null || form.keys() == null) return List.of();
        return store.jdbi().withHandle(h -> store.byEndpoint(h, form.endpoint())
                .filter(s -> s.auth().equals(form.keys().auth()))
                .map(s -> store.follows(h, s.id())).orElse(List.of()));
    }

    /// The endpoint, keys and language of a subscription, refused with the field at fault.
    private PushSubscription validate(PushSubscription form) {
        var errors = new ArrayList<PastelException.FieldError>();
        if (form.endpoint() == null || form.endpoint().isBlank()) {
            errors.add(new PastelException.FieldError("endpoint", "is required"));
        } else if (form.endpoint().length() > 1000) {
            errors.add(new PastelException.FieldError("endpoint", "is longer than 1000 characters"));
        } else {
            var problem = endpointProblem(form.endpoint());
            if (problem != null) errors.add(new PastelException.FieldError("endpoint", problem));
        }
        if (form.keys() == null) {
            errors.add(new PastelException.FieldError("keys", "is required: {p256dh, auth}"));
        } else {
            var p256dh = base64url(form.keys().p256dh());
            try {
                if (p256dh == null) throw new java.security.GeneralSecurityException();
                EcKeys.decode(p256dh);
            } catch (java.security.GeneralSecurityException e) {
                errors.add(new PastelException.FieldError("keys.p256dh", "must be a P-256 public key (65 bytes, base64url)"));
            }
            var auth = base64url(form.keys().auth());
            if (auth == null || auth.length != 16) {
                errors.add(new PastelException.FieldError("keys.auth", "must be 16 bytes, base64url"));
            }
        }
        if (form.lang() != null && !form.lang().isBlank() && language(form.lang()) == null) {
            errors.add(new PastelException.FieldError("lang", "must be one of: " + String.join(", ", LANGUAGES)));
        }
        if (!errors.isEmpty()) throw new PastelException.Invalid(errors);
        return new PushSubscription(form.endpoint().strip(), new PushSubscription.Keys(form.keys().p256dh().strip(),
                form.keys().auth().strip()), form.lang(), form.follow());
    }

    /// Why an endpoint is refused, or null. Push services are public https servers; an endpoint
    /// on this machine or its private network would make Pastel post to it (SSRF), so only the
    /// test setting opens plain http on loopback.
    String endpointProblem(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) return "is not a push service URL";
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        var local = isLocal(uri.getHost());
        if (allowInsecureLoopback && local && (scheme.equals("http") || scheme.equals("https"))) return null;
        if (!scheme.equals("https")) return "must be an https URL";
        if (local || isPrivateLiteral(uri.getHost())) return "must be a public push service";
        return null;
    }

    private static boolean isLocal(String host) {
        var bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) return true;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) return false;
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean isPrivateLiteral(String host) {
        var bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) return false;
        try {
            var address = InetAddress.getByName(bare);
            return address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static byte[] base64url(String value) {
        if (value == null) return null;
        try {
            return Base64.getUrlDecoder().decode(value.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String language(String lang) {
        if (lang == null || lang.isBlank()) return "en";
        var primary = lang.strip().toLowerCase().split("[-_]")[0];
        return LANGUAGES.contains(primary) ? primary : null;
    }

    // ---- settings

    public PushSettings settings(Account me) {
        return store.settings(me.id()).orElseGet(() -> PushSettings.defaults(minor(me.birthDate())));
    }

    public void saveSettings(Account me, PushSettings settings) {
        store.saveSettings(me.id(), settings);
    }

    /// Turns "notify me" of a subscribed account's stories on or off.
    public void notifyStories(Account me, String username, boolean notify) {
        var other = accounts.visibleTo(me, username);
        store.mute(me.id(), other.id(), !notify);
    }

    public List<String> mutedAccounts(Account me) {
        return store.muted(me.id());
    }

    /// Visitors following the account by push, without an account (a number for insights).
    public long pushFollowers(String accountId) {
        return store.pushFollowers(accountId);
    }

    private boolean minor(LocalDate birthDate) {
        return birthDate != null && birthDate.plusYears(Ages.ADULT).isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    static boolean minor(Integer birthEpochDay, Instant now) {
        return birthEpochDay != null
                && LocalDate.ofEpochDay(birthEpochDay).plusYears(Ages.ADULT).isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    // ---- the outbox

    /// Queues the pushes an event causes. Called on the node that published the event, after
    /// its transaction committed; never throws (the event itself already happened).
    public void enqueue(Event event) {
        try {
            var now = clock.millis();
            var queued = switch (event) {
                // The push service keeps a snap's notification no longer than the snap itself.
                case Event.SnapReceived e -> store.snapExpiry(e.snapId())
                        .map(expires -> store.enqueueFor(e.to(), "snap", e.snapId(), store.accountIdOf(e.from()).orElse(null),
                                now, Math.min(expires, now + MAX_TTL.toMillis())))
                        .orElse(0);
                case Event.SnapScreenshot e -> toAccount(e.to(), "snap.screenshot", e.snapId(), e.by(), now);
                // A manager's copy of an official inbox's message is for the open app only: a push
                // worded "X wrote to you" would be wrong, and the account's own is pushed already.
                case Event.ChatMessage e when e.account() != null -> 0;
                case Event.ChatMessage e -> toAccount(e.to(), "chat", e.messageId(), e.from(), now);
                case Event.FriendRequest e -> toAccount(e.to(), "friend.request", e.requestId(), e.from(), now);
                case Event.FriendAccepted e -> store.accountIdOf(e.by())
                        .map(by -> store.enqueueFor(e.to(), "friend.accepted", by, by, now, now + MAX_TTL.toMillis())).orElse(0);
                case Event.SubmissionApproved e -> toAccount(e.to(), "community.approved", e.submissionId(), e.account(), now);
                case Event.SubmissionRejected e -> toAccount(e.to(), "community.rejected", e.submissionId(), e.account(), now);
                case Event.StoryPosted e -> store.storyItemExpiry(e.itemId())
                        .map(expires -> store.enqueueStory(e.accountId(), e.itemId(), "public".equals(e.audience()), now,
                                Math.min(expires, now + MAX_TTL.toMillis())))
                        .orElse(0);
                default -> 0;
            };
            if (queued > 0) sender.wake();
        } catch (RuntimeException e) {
            LOG.warn("pushes not queued for event={} error=\"{}\"", event.getClass().getSimpleName(), e.toString());
        }
    }

    private int toAccount(String to, String kind, String subject, String actorUsername, long now) {
        var actor = store.accountIdOf(actorUsername).orElse(null);
        return store.enqueueFor(to, kind, subject, actor, now, now + MAX_TTL.toMillis());
    }

    /// Sends what is due now, on the calling thread (tests; the sender thread does it otherwise).
    public int sendDue() {
        return sender.sendDue();
    }

    /// Sweeper task: old VAPID keys nobody uses any more.
    public int sweepKeys() {
        return keys.sweep();
    }

    public long outboxSize() {
        return store.outboxSize();
    }

    @Override
    public void close() {
        sender.close();
    }
}
