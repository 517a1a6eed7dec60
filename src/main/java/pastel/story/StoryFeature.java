package pastel.story;

import pastel.account.AccountService;
import pastel.account.Ages;
import pastel.account.CurrentAccount;
import pastel.alttext.MediaTextService;
import pastel.chat.ChatService;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.geofilter.GeofilterService;
import pastel.media.MediaService;
import pastel.media.SignedUrls;
import pastel.realtime.Event;
import pastel.team.TeamService;

/// Stories as the composition root wires them: routes, the sweeps (before media's: an item's
/// numbers are frozen before its media goes) and the feed cache told of changes.
public record StoryFeature(StoryService stories, Feature feature) {
    public static StoryFeature create(Platform p, AccountService accounts, TeamService team, MediaService media,
                                      SignedUrls urls, GeofilterService geofilters, Ages ages, ChatService chats,
                                      MediaTextService texts, CurrentAccount current) {
        var stories = new StoryService(p.jdbi(), accounts, team, media, urls, geofilters, ages, p.events(), chats,
                texts, p.clock());
        accounts.onChange(stories::accountChanged);
        accounts.beforeDelete(stories::forgetViewer);
        return new StoryFeature(stories, Feature.named("story")
                .routes(new StoryRoutes(stories, current, texts)::register)
                .sweep("stories", stories::sweep)
                .sweep("story-daily-viewers", stories::sweepDailyViewers)
                // Changes told by other nodes (and this one's own echo, harmlessly) reach the feed cache.
                .listener(event -> {
                    switch (event) {
                        case Event.StoryPosted posted -> stories.accountChanged(posted.accountId());
                        case Event.AccountChanged changed -> stories.accountChanged(changed.accountId());
                        default -> { }
                    }
                })
                .closing(stories::close)
                .build());
    }
}
