package pastel.web;

import pastel.feature.Feature;
import pastel.http.Access;
import pastel.http.StaticFiles;

/// The web client and the public pages' scripts and styles, last in the route table (the client
/// answers every path no route above claims).
public final class WebFeature {
    private WebFeature() {}

    public static Feature create() {
        var assets = new StaticFiles("/assets/", "story-player.js", "public-page.css", "push-follow.js");
        return Feature.named("web")
                .routes(api -> api.group("public pages").get("!/assets/{name}", ctx -> assets.serve(ctx, ctx.pathParam("name"),
                                "public, max-age=3600")).open().produces("text/plain")
                        .summary("Scripts and styles of the public pages").access(Access.ANYONE),
                        new WebClient()::register)
                .build();
    }
}
