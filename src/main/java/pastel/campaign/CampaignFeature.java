package pastel.campaign;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.ratelimit.RateLimiter;
import pastel.team.TeamService;

/// Poster campaigns (QR codes and where subscriptions come from) as the composition root wires them.
public record CampaignFeature(CampaignService campaigns, Feature feature) {
    public static CampaignFeature create(Platform p, AccountService accounts, TeamService team, CurrentAccount current,
                                         RateLimiter limits) {
        var campaigns = new CampaignService(p.jdbi(), accounts, team, p.config().publicUrl(), p.clock());
        return new CampaignFeature(campaigns,
                Feature.named("campaign").routes(new CampaignRoutes(campaigns, current, limits)::register).build());
    }
}
