package pastel.team;

import pastel.account.AccountService;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;

/// Teams of official accounts as the composition root wires them.
public record TeamFeature(TeamService team, Feature feature) {
    public static TeamFeature create(Platform p, AccountService accounts, CurrentAccount current) {
        var team = new TeamService(p.jdbi(), accounts, p.clock());
        return new TeamFeature(team, Feature.named("team").routes(new TeamRoutes(team, current)::register).build());
    }
}
