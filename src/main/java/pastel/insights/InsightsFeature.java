package pastel.insights;

import pastel.campaign.CampaignService;

import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.SignedUrls;
import pastel.team.TeamService;

/// Insights of official accounts as the composition root wires them.
public final class InsightsFeature {
    private InsightsFeature() {}

    public static Feature create(Platform p, TeamService team, CurrentAccount current, CampaignService campaigns,
                                 SignedUrls urls) {
        var insights = new InsightsService(p.jdbi(), team, urls, p.clock(), p.config().insightsThreshold());
        return Feature.named("insights").routes(new InsightsRoutes(insights, campaigns, current)::register).build();
    }
}
