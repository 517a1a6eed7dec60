/// Stories: 24-hour items for friends or everyone, views and viewers, highlights, the feed.
///
/// [pastel.story.StoryRoutes] (HTTP), [pastel.story.StoryService] (rules, transactions, events;
/// with `StoryFeed`, `FeedCache` and the group-committing `ViewRecorder`) and the package-private
/// `StoryStore`, the only writer of `story_item`, `story_view`, `story_stats`, `story_daily` and
/// `story_daily_viewer`. The community story's approved items are written through
/// [pastel.story.StoryService#addToCommunity].
package pastel.story;
