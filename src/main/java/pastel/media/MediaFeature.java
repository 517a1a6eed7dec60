package pastel.media;

import java.time.Clock;
import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Media as the composition root wires it: uploads, signed URLs, the upload spool and the sweeps
/// that delete expired media, orphan blobs and abandoned uploads.
public record MediaFeature(MediaService media, SignedUrls urls, Spool spool, Feature feature) {
    public static MediaFeature create(Platform p, AccountService accounts, CurrentAccount current) {
        // File ages are the filesystem's wall clock, not the injected one.
        var spool = Spool.open(p.blobs().incoming(), Clock.systemUTC());
        var media = new MediaService(new MediaStore(p.jdbi()), p.blobs(), spool.dir(), p.clock());
        accounts.beforeDelete(media::deleteAllOf);
        var urls = new SignedUrls(p.jdbi(), p.clock());
        var access = new MediaAccess(p.jdbi(), p.clock());
        return new MediaFeature(media, urls, spool, Feature.named("media")
                .routes(new MediaRoutes(media, urls, access, p.blobs(), current, p.clock())::register)
                .sweep("media", media::sweepExpired)
                .sweep("orphan-blobs", media::sweepOrphans)
                .sweep("upload-spool", spool::sweep)
                .closing(spool::close)
                .build());
    }
}
