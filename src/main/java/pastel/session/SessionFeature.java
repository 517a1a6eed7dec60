package pastel.session;

import pastel.account.AccountViews;
import pastel.feature.Feature;
import pastel.realtime.Event;

/// Sessions as the composition root wires them: sign-in routes, the expiry sweep, and the session
/// caches told of changes other nodes publish.
public final class SessionFeature {
    private SessionFeature() {}

    public static Feature create(SessionService sessions, Authenticator auth, AccountViews views) {
        return Feature.named("session")
                .routes(new SessionRoutes(sessions, auth, views)::register)
                .sweep("sessions", sessions::sweep)
                // Changes told by other nodes (and this one's own echo, harmlessly) reach the
                // cache; not through AccountService, which would tell the other nodes again.
                .listener(event -> {
                    switch (event) {
                        case Event.AccountChanged changed -> sessions.accountChanged(changed.accountId());
                        case Event.SessionEnded ended -> sessions.forget(ended.tokenHash());
                        default -> { }
                    }
                })
                .closing(sessions::close)
                .build();
    }
}
