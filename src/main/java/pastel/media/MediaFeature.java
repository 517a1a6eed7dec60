package pastel.media;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Media as the composition root wires it: uploads, signed URLs, the upload spool and the sweeps
/// that delete expired media, orphan blobs and abandoned uploads. In two steps: the services first
/// (others build on them), then the [#feature] once the captions' owner (alttext, which builds on
/// media) exists.
public record MediaFeature(MediaService media, SignedUrls urls, Spool spool, MediaAccess access, Platform platform) {
    public static MediaFeature create(Platform p, AccountService accounts) {
        // File ages are the filesystem's wall clock, not the injected one.
        var spool = Spool.open(p.blobs().incoming(), Clock.systemUTC());
        var media = new MediaService(new MediaStore(p.jdbi()), p.blobs(), spool.dir(), p.clock());
        accounts.beforeDelete(media::deleteAllOf);
        return new MediaFeature(media, new SignedUrls(p.jdbi(), p.clock()), spool, new MediaAccess(p.jdbi(), p.clock()), p);
    }

    public Feature feature(CurrentAccount current, Function<String, Optional<String>> captions) {
        return Feature.named("media")
                .routes(new MediaRoutes(media, urls, access, platform.blobs(), current, captions)::register)
                .sweep("media", media::sweepExpired)
                .sweep("orphan-blobs", media::sweepOrphans)
                .sweep("upload-spool", spool::sweep)
                .closing(spool::close)
                .build();
    }
}
