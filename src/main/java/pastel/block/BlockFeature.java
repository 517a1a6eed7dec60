package pastel.block;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.MediaService;

/// Blocks as the composition root wires them.
public final class BlockFeature {
    private BlockFeature() {}

    public static Feature create(Platform p, AccountService accounts, MediaService media, CurrentAccount current) {
        var blocks = new BlockService(p.jdbi(), accounts, media, current, p.clock());
        return Feature.named("block").routes(blocks::register).build();
    }
}
