package pastel.push;

import java.time.Clock;
import org.slf4j.LoggerFactory;
import pastel.db.Ids;

/// The instance's VAPID keys, kept in the database so every node signs with the same ones.
///
/// The first start makes one; `pastel admin push-rotate-key` makes a new current one. Browsers
/// subscribe with the current key; an older key keeps signing for the subscriptions made with it
/// (a push service refuses a token signed by another key) until their browser subscribes again,
/// which the web client does when it sees the key changed. Then the old key is deleted.
public final class PushKeys {
    /// The id of the very first key: two nodes starting at once on an empty database make the
    /// same row and one insert wins.
    static final String FIRST = "vapid-first";

    private final PushStore store;
    private final Clock clock;
    private volatile VapidKey current;

    PushKeys(PushStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /// The current key, made on first use.
    public VapidKey current() {
        var key = current;
        if (key != null) return key;
        synchronized (this) {
            if (current == null) {
                if (store.currentKey().isEmpty()) {
                    store.insertKey(VapidKey.generate(FIRST), clock.millis());
                    LoggerFactory.getLogger(PushKeys.class).info("made the VAPID key pair of this instance");
                }
                current = store.currentKey().orElseThrow();
            }
            return current;
        }
    }

    /// Forgets the cached key, so a rotation made by another process is picked up.
    void reload() {
        current = null;
    }

    VapidKey byId(String id) {
        return store.key(id).orElseGet(this::current);
    }

    /// Makes a new current key; returns its public half.
    public String rotate() {
        var key = VapidKey.generate(Ids.newId(clock.millis()));
        store.insertKey(key, clock.millis());
        reload();
        return key.publicKey();
    }

    /// Deletes old keys no subscription uses any more.
    int sweep() {
        reload();
        return store.deleteUnusedOldKeys(current().id());
    }
}
