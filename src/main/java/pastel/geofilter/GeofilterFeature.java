package pastel.geofilter;

import java.nio.file.Path;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.MediaService;
import pastel.media.SignedUrls;
import pastel.team.TeamService;

/// Geofilters as the composition root wires them.
public record GeofilterFeature(GeofilterService geofilters, Feature feature) {
    public static GeofilterFeature create(Platform p, TeamService team, MediaService media, SignedUrls urls, Path spool,
                                          CurrentAccount current) {
        var overlay = new GeofilterOverlay(p.jdbi(), media, p.blobs(), spool, p.clock());
        var geofilters = new GeofilterService(p.jdbi(), team, urls, overlay, p.clock());
        return new GeofilterFeature(geofilters, Feature.named("geofilter").routes(new GeofilterRoutes(geofilters, current)::register).build());
    }
}
