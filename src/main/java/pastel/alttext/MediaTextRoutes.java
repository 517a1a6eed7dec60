package pastel.alttext;

import io.javalin.http.Context;
import java.io.IOException;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Json;

/// `PATCH /stories/{id}` (the alt of an item) and `PUT /media/{id}/captions` (a video's WebVTT).
public final class MediaTextRoutes {
    private final MediaTextService texts;
    private final CurrentAccount current;

    public MediaTextRoutes(MediaTextService texts, CurrentAccount current) {
        this.texts = texts;
        this.current = current;
    }

    /// The alt of a story item.
    public record AltForm(String alt) {}

    /// A story item's alt as now kept.
    public record Alt(String id, String alt, boolean captions) {}

    public void register(Api api) {
        api.group("stories").patch("/stories/{id}", this::editAlt).body(AltForm.class).returns(Alt.class)
                .summary("Change a story item's text alternative (alt, up to 1,500 characters): its poster or the account's team")
                .access(Access.TEAM);
        api.group("media").put("/media/{id}/captions", this::putCaptions).status(204).uploads("text/vtt")
                .summary("WebVTT captions of an uploaded video (UTF-8, WEBVTT header, valid cue timings, 64 KB at most), "
                        + "served as a <track> with it and deleted with it; by its uploader before it is used, then by the team "
                        + "of the story showing it (409 once sent as a snap or submitted)")
                .access(Access.SELF);
    }

    private void editAlt(Context ctx) {
        var form = Json.read(ctx, AltForm.class);
        var id = ctx.pathParam("id");
        var text = texts.editStoryAlt(current.require(ctx), id, form.alt());
        ctx.json(new Alt(id, text.alt(), text.hasCaptions()));
    }

    private void putCaptions(Context ctx) throws IOException {
        var me = current.require(ctx);
        var bytes = ctx.req().getInputStream().readNBytes(WebVtt.MAX_BYTES + 1);
        texts.putCaptions(me, ctx.pathParam("id"), bytes);
        ctx.status(204);
    }
}
