package pastel.block;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Clock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.account.Unlink;
import pastel.problem.PastelException;

/// Blocking: the two accounts vanish for each other, and whatever linked them ends at once
/// (friendship, requests, subscriptions both ways, chat and the snaps between them, their bytes
/// deleted): each of those features says what it ends through [#onBlock].
///
/// The owner of the rule "either account blocks the other": [#eitherBlocks(Handle, String, String)]
/// inside a transaction, [#eitherBlocks(String, String)] outside one, [#eitherBlocksSql] for
/// queries that filter rows by it.
public final class BlockService {
    private final BlockStore store;
    private final AccountService accounts;
    private final Clock clock;
    private final List<Unlink> endsWithBlock = new CopyOnWriteArrayList<>();

    public BlockService(Jdbi jdbi, AccountService accounts, Clock clock) {
        this.store = new BlockStore(jdbi);
        this.accounts = accounts;
        this.clock = clock;
    }

    /// Whether either account blocks the other: then they do not exist for each other.
    public boolean eitherBlocks(String a, String b) {
        return store.jdbi().withHandle(h -> BlockStore.eitherBlocks(h, a, b));
    }

    /// The rule inside another feature's transaction.
    public static boolean eitherBlocks(Handle h, String a, String b) {
        return BlockStore.eitherBlocks(h, a, b);
    }

    /// The rule as an SQL condition, for queries that must leave blocked pairs out:
    /// `"AND NOT " + BlockService.eitherBlocksSql("a.id", ":viewer")`. `a` and `b` are column
    /// expressions or parameters of the surrounding query (the condition uses the alias `blk`).
    public static String eitherBlocksSql(String a, String b) {
        return BlockStore.eitherBlocksSql(a, b);
    }

    /// Registers what a block ends, run inside the block's transaction (bytes to delete go
    /// through `Handle.afterCommit`).
    public void onBlock(Unlink ending) {
        endsWithBlock.add(ending);
    }

    public void block(Account me, String username) {
        if (username == null || username.isBlank()) throw new PastelException.Invalid(PastelException.FieldError.required("username"));
        // Looked up without the block filter: blocking someone who blocked you first is allowed.
        var other = accounts.byUsername(username.strip());
        if (other.id().equals(me.id())) throw new PastelException.Invalid("username", "not-yourself", "you cannot block yourself");
        store.jdbi().useTransaction(h -> {
            BlockStore.insert(h, me.id(), other.id(), clock.millis());
            for (var ending : endsWithBlock) ending.between(h, me.id(), other.id());
        });
        accounts.changed(me.id(), other.id());
    }

    public void unblock(Account me, String username) {
        var other = accounts.byUsername(username);
        store.delete(me.id(), other.id());
        accounts.changed(me.id(), other.id());
    }

    public List<Blocked> blocked(Account me) {
        return store.blockedBy(me.id());
    }
}
