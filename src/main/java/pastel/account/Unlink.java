package pastel.account;

import org.jdbi.v3.core.Handle;

/// One feature's part when what linked two accounts ends, inside the transaction that ends it:
/// a block ends the friendship and requests, the subscriptions, the chat and the snaps between
/// them; an ended friendship ends the chat. Each owner gives its part and the composition root
/// wires them, so the feature that ends a link needs no import of the features that hold one.
@FunctionalInterface
public interface Unlink {
    void between(Handle h, String a, String b);
}
