package pastel.avatar;

import java.nio.file.Path;
import pastel.account.AccountService;
import pastel.account.AccountViews;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.MediaService;
import pastel.media.SignedUrls;

/// Avatars as the composition root wires them, with the account views that show them.
public record AvatarFeature(AvatarService avatars, AccountViews views, Feature feature) {
    public static AvatarFeature create(Platform p, AccountService accounts, MediaService media, SignedUrls urls,
                                       Path spool, CurrentAccount current) {
        var avatars = new AvatarService(p.jdbi(), media, p.blobs(), spool, urls, p.clock());
        var views = new AccountViews(accounts, avatars::of);
        return new AvatarFeature(avatars, views, Feature.named("avatar")
                .routes(new AvatarRoutes(avatars, views, current)::register).build());
    }
}
