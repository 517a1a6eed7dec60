package pastel.community;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.alttext.MediaTextService;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.MediaService;
import pastel.media.SignedUrls;
import pastel.story.StoryService;
import pastel.team.TeamService;

/// Community submissions as the composition root wires them.
public final class CommunityFeature {
    private CommunityFeature() {}

    public static Feature create(Platform p, AccountService accounts, TeamService team, StoryService stories,
                                 MediaService media, SignedUrls urls, MediaTextService texts, CurrentAccount current) {
        var community = new CommunityService(p.jdbi(), accounts, team, stories, media, urls, texts, p.events(), p.clock());
        return Feature.named("community").routes(new CommunityRoutes(community, current)::register).build();
    }
}
