package pastel.avatar;

import io.javalin.http.Context;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import pastel.account.AccountViews;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.http.Uploads;
import pastel.problem.PastelException;

/// `PUT/DELETE /me/avatar` and the pictures of many accounts at once (lists, rings, chat).
public final class AvatarRoutes {
    static final int MAX_NAMES = 100;

    private final AvatarService avatars;
    private final AccountViews views;
    private final CurrentAccount current;

    public AvatarRoutes(AvatarService avatars, AccountViews views, CurrentAccount current) {
        this.avatars = avatars;
        this.views = views;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("avatars");
        routes.put("/me/avatar", this::set).summary("Set the profile picture (a photo as the raw body or multipart field "
                + "'file'): cropped to its centre square, 512 and 320 px, metadata stripped; answers the account")
                .uploads("multipart/form-data", "application/octet-stream", "image/*").returns(pastel.account.AccountViews.Me.class).access(Access.SELF);
        routes.delete("/me/avatar", this::remove).status(204).summary("Remove the profile picture (back to the generated one)")
                .access(Access.SELF);
        routes.get("/avatars", this::many).summary("Pictures of up to 100 accounts (usernames=a,b,c): "
                + "{username: {url, thumbUrl}}; accounts that do not exist for the caller are left out").requiredQuery("usernames", String.class, "up to 100 usernames, comma-separated").returns(Api.mapOf(pastel.account.AccountViews.Avatar.class)).access(Access.CONTACT);
    }

    private void set(Context ctx) throws IOException {
        var me = current.require(ctx);
        var upload = Uploads.of(ctx, pastel.media.MediaService.MAX_IMAGE_BYTES);
        avatars.set(me, upload.content(), upload.length());
        ctx.json(views.me(me));
    }

    private void remove(Context ctx) {
        avatars.remove(current.require(ctx));
        ctx.status(204);
    }

    private void many(Context ctx) {
        var me = current.require(ctx);
        var raw = ctx.queryParam("usernames");
        if (raw == null || raw.isBlank()) throw new PastelException.Invalid("usernames", "required", "is required: a,b,c");
        var names = new LinkedHashSet<String>();
        Arrays.stream(raw.split(",")).map(s -> s.strip().toLowerCase()).filter(s -> !s.isEmpty()).forEach(names::add);
        if (names.size() > MAX_NAMES) throw new PastelException.Invalid("usernames", "out-of-range", "at most " + MAX_NAMES + " names");
        ctx.json(avatars.of(me, names));
    }
}
