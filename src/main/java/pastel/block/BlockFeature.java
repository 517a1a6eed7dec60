package pastel.block;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Blocks as the composition root wires them; what a block ends is told through
/// [BlockService#onBlock] by each owner (App wires them).
public record BlockFeature(BlockService blocks, Feature feature) {
    public static BlockFeature create(Platform p, AccountService accounts, CurrentAccount current) {
        var blocks = new BlockService(p.jdbi(), accounts, p.clock());
        return new BlockFeature(blocks, Feature.named("block").routes(new BlockRoutes(blocks, current)::register).build());
    }
}
