package pastel.story;

import io.javalin.http.Context;
import pastel.http.Access;
import pastel.account.CurrentAccount;
import pastel.alttext.MediaTextService;
import pastel.http.Api;
import pastel.http.Json;

/// The story routes: post, feed, an account's story and highlights, views, viewers, delete.
public final class StoryRoutes {
    private final StoryService stories;
    private final CurrentAccount current;
    private final MediaTextService texts;

    public StoryRoutes(StoryService stories, CurrentAccount current, MediaTextService texts) {
        this.stories = stories;
        this.current = current;
        this.texts = texts;
    }

    private void feed(Context ctx) {
        var body = stories.feedJson(current.require(ctx));
        ctx.contentType("application/json").header("Vary", "Accept-Encoding");
        var encodings = ctx.header("Accept-Encoding");
        if (encodings != null && encodings.contains("gzip") && !encodings.contains("gzip;q=0")) {
            ctx.header("Content-Encoding", "gzip").result(body.gzip());
        } else {
            ctx.result(body.json());
        }
    }

    public void register(Api api) {
        var routes = api.group("stories");
        routes.post("/stories", this::post).body(StoryService.PostForm.class).status(201)
                .summary("Post an upload to your story, or to a public account's story as its manager (account)").returns(StoryService.Posted.class).access(Access.TEAM);
        routes.get("/stories/feed", this::feed)
                .summary("Accounts with active items among friends and subscriptions, unseen first").returns(Api.listOf(StoryFeed.FeedEntry.class)).access(Access.SELF);
        routes.get("/accounts/{username}/stories", ctx -> noStore(ctx).json(
                stories.storyOf(current.viewer(ctx), ctx.pathParam("username")))).open()
                .summary("An account's active items visible to the caller, each with a media URL").returns(Api.listOf(StoryService.Visible.class)).access(Access.AUDIENCE);
        routes.get("/accounts/{username}/highlights", ctx -> noStore(ctx).json(
                stories.highlightsOf(current.viewer(ctx), ctx.pathParam("username")))).open()
                .summary("A public account's highlights").returns(Api.listOf(StoryService.Visible.class)).access(Access.AUDIENCE);
        routes.post("/stories/{id}/views", this::view).open().body(StoryService.ViewForm.class).status(204)
                .summary("Record a view (anonymous views of public items count in views only)").access(Access.AUDIENCE);
        routes.post("/stories/{id}/replies", ctx -> ctx.status(201).json(stories.reply(current.require(ctx),
                        ctx.pathParam("id"), Json.read(ctx, StoryService.ReplyForm.class))))
                .body(StoryService.ReplyForm.class).status(201)
                .summary("Reply to an item: a chat message to a friend, or to an official account's inbox").returns(pastel.chat.ChatService.Message.class).access(Access.VIEWER);
        routes.post("/stories/{id}/screenshot", ctx -> {
            stories.screenshot(current.optional(ctx).orElse(null), ctx.pathParam("id"));
            ctx.status(204);
        }).open().status(204).summary("Report a screenshot of a story item").access(Access.AUDIENCE);
        routes.get("/stories/{id}/viewers", ctx -> ctx.json(stories.viewers(current.require(ctx), ctx.pathParam("id"))))
                .summary("Who viewed an item: personal accounts only, never official ones").returns(Api.listOf(StoryService.Viewer.class)).access(Access.OWNER);
        routes.delete("/stories/{id}", ctx -> {
            stories.delete(current.require(ctx), ctx.pathParam("id"));
            ctx.status(204);
        }).status(204).summary("Delete an item now (bytes and URLs gone)").access(Access.TEAM);
        routes.put("/stories/{id}/highlight", ctx -> {
            stories.setHighlight(current.require(ctx), ctx.pathParam("id"), true);
            ctx.status(204);
        }).status(204).summary("Keep an item as a highlight (public accounts)").access(Access.TEAM);
        routes.delete("/stories/{id}/highlight", ctx -> {
            stories.setHighlight(current.require(ctx), ctx.pathParam("id"), false);
            ctx.status(204);
        }).status(204).summary("Stop keeping an item; it goes when its 24 hours are over").access(Access.TEAM);
    }

    private void post(Context ctx) {
        var me = current.require(ctx);
        var form = Json.read(ctx, StoryService.PostForm.class);
        texts.beforeStoryPost(me, form.account(), form.mediaId(), form.alt());
        ctx.status(201).json(stories.post(me, form));
    }

    private void view(Context ctx) {
        var viewer = current.optional(ctx).orElse(null);
        stories.view(viewer, ctx.pathParam("id"), Json.read(ctx, StoryService.ViewForm.class));
        ctx.status(204);
    }

    private static Context noStore(Context ctx) {
        return ctx.header("Cache-Control", "private, no-store");
    }
}
