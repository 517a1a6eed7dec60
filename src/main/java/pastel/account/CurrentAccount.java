package pastel.account;

import io.javalin.http.Context;
import java.util.Optional;

/// Who is calling: every route asks this, and the session feature answers it.
public interface CurrentAccount {
    /// The signed-in account, or a 401.
    Account require(Context ctx);

    /// The signed-in account if a token was sent (a bad token is still a 401).
    Optional<Account> optional(Context ctx);

    /// The caller as a viewer of media: its account and session, or [Viewer#ANONYMOUS] without a token.
    Viewer viewer(Context ctx);

    /// An instance admin, or 401 without a session, 404 for anyone else (admin routes do not exist for them).
    Account requireAdmin(Context ctx);

    /// Ends every session of the caller's account except the one this request came with.
    void endOtherSessions(Context ctx);
}
