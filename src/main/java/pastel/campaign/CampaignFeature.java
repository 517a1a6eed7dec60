package pastel.campaign;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.team.TeamService;

/// Poster campaigns (QR codes and where subscriptions come from) as the composition root wires them.
public final class CampaignFeature {
    private CampaignFeature() {}

    public static Feature create(Platform p, AccountService accounts, TeamService team, CurrentAccount current) {
        return Feature.named("campaign").routes(new CampaignRoutes(p.jdbi(), accounts, team, current,
                p.config().publicUrl(), p.clock())::register).build();
    }
}
