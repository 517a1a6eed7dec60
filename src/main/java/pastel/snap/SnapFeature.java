package pastel.snap;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.alttext.MediaTextService;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.friend.FriendService;
import pastel.geofilter.GeofilterService;
import pastel.media.SignedUrls;

/// Snaps as the composition root wires them.
public final class SnapFeature {
    private SnapFeature() {}

    public static Feature create(Platform p, AccountService accounts, FriendService friends, SignedUrls urls,
                                 GeofilterService geofilters, MediaTextService texts,
                                 CurrentAccount current) {
        var snaps = new SnapService(p.jdbi(), accounts, friends, urls, geofilters, texts, p.events(), p.clock());
        return Feature.named("snap").routes(new SnapRoutes(snaps, current)::register).sweep("snaps", snaps::sweep).build();
    }
}
