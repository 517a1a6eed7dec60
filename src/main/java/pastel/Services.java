package pastel;

import java.time.Clock;
import pastel.account.AccountService;
import pastel.account.AccountStore;
import pastel.account.Ages;
import pastel.account.Passwords;
import pastel.account.Relations;
import pastel.block.BlockService;
import pastel.config.Config;
import pastel.db.Database;
import pastel.friend.FriendService;
import pastel.session.SessionService;
import pastel.subscription.SubscriptionService;

/// Core services, shared by the HTTP server ([App]) and the command line ([Main]).
public record Services(AccountStore accountStore, AccountService accounts, SessionService sessions,
                       Ages ages, Passwords passwords) {
    public static Services build(Config config, Database database, Clock clock) {
        var ages = new Ages(clock);
        var passwords = new Passwords();
        var accountStore = new AccountStore(database.jdbi());
        var jdbi = database.jdbi();
        // The account rules ask the owners of blocks, friendships and subscriptions.
        var relations = new Relations((a, b) -> jdbi.withHandle(h -> BlockService.eitherBlocks(h, a, b)),
                (a, b) -> jdbi.withHandle(h -> FriendService.areFriends(h, a, b)),
                id -> jdbi.withHandle(h -> SubscriptionService.subscriberCount(h, id)));
        var accounts = new AccountService(accountStore, passwords, ages, clock, relations);
        var sessions = new SessionService(database.jdbi(), accountStore, passwords, clock, config.loginLimits());
        accounts.onChange(sessions::accountChanged);
        accounts.beforeDelete(id -> accountStore.byId(id).ifPresent(a -> sessions.forgetFailures(a.username())));
        accounts.beforeDelete(sessions::endAll);
        return new Services(accountStore, accounts, sessions, ages, passwords);
    }
}
