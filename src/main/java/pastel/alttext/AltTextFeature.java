package pastel.alttext;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.MediaService;
import pastel.team.TeamService;

/// Text alternatives and captions of media as the composition root wires them.
public record AltTextFeature(MediaTextService texts, Feature feature) {
    public static AltTextFeature create(Platform p, MediaService media, AccountService accounts, TeamService team,
                                        CurrentAccount current) {
        var texts = new MediaTextService(p.jdbi(), media.store(), accounts, team, p.config().requireAlt(), p.clock());
        media.onDerived(texts::carry);
        return new AltTextFeature(texts, Feature.named("alttext").routes(new MediaTextRoutes(texts, current)::register)
                .build());
    }
}
