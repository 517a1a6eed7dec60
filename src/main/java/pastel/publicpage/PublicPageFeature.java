package pastel.publicpage;

import pastel.account.AccountService;
import pastel.feature.Feature;
import pastel.feature.Platform;
import java.util.function.ToLongFunction;
import pastel.media.MediaService;
import pastel.story.StoryService;

/// Public pages of public accounts as the composition root wires them.
public final class PublicPageFeature {
    private PublicPageFeature() {}

    public static Feature create(Platform p, AccountService accounts, StoryService stories, MediaService media,
                                 ToLongFunction<String> subscriberCount) {
        var page = new PublicPageRoutes(accounts, stories, media.store(), p.blobs(), p.config().publicUrl(), p.clock(),
                subscriberCount);
        return Feature.named("publicpage").routes(page::register).build();
    }
}
