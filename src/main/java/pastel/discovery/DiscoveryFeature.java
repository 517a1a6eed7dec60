package pastel.discovery;

import pastel.account.Ages;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Discovery of public accounts as the composition root wires it.
public final class DiscoveryFeature {
    private DiscoveryFeature() {}

    public static Feature create(Platform p, Ages ages, CurrentAccount current) {
        var discovery = new DiscoveryService(p.jdbi(), ages);
        return Feature.named("discovery").routes(new DiscoveryRoutes(discovery, current)::register).build();
    }
}
