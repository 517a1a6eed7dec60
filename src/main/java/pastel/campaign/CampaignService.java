package pastel.campaign;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.Account;
import pastel.account.AccountService;
import pastel.problem.PastelException;
import pastel.team.TeamService;

/// Posters and where subscribers come from: the QR code of an account's public page (with a
/// campaign tag) and, for the account's team, the subscriptions gained per source and campaign.
/// Nothing about a visitor is kept beyond the counts (`SubscriptionSource`).
public final class CampaignService {
    private final AccountService accounts;
    private final TeamService team;
    private final CampaignStore store;
    private final String publicUrl;
    private final Clock clock;

    public CampaignService(Jdbi jdbi, AccountService accounts, TeamService team, String publicUrl, Clock clock) {
        this.accounts = accounts;
        this.team = team;
        this.store = new CampaignStore(jdbi);
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /// A poster's code: the account (public, and visible to anyone) and the link it says.
    public record Poster(Account account, String campaign, String link) {}

    /// The poster of `username`'s public page tagged with `rawCampaign`; 404 when there is no
    /// public page, 400 when the campaign tag is malformed.
    public Poster poster(String username, String rawCampaign) {
        // The page is for anyone, who is never known there: the code is the same for every caller.
        var account = accounts.visibleTo(null, username);
        if (!account.isPublic()) throw new PastelException.NotFound("'" + account.username() + "' has no public page to print");
        var campaign = SubscriptionSource.campaign(rawCampaign);
        return new Poster(account, campaign, link(account, campaign));
    }

    /// The public page's link with the campaign tag: what the code says and what the page reads back.
    String link(Account account, String campaign) {
        var page = publicUrl + "/@" + account.username();
        return campaign.isEmpty() ? page : page + "?campaign=" + campaign;
    }

    /// Subscriptions gained per source and campaign over the last `days` days (1-90), for the team.
    public List<SourceCount> sources(Account me, String username, int days) {
        var account = team.managed(me, username);
        if (!account.isPublic()) throw new PastelException.NotFound("insights are for public accounts");
        return store.since(account.id(), clock.instant().minus(Duration.ofDays(days - 1L)));
    }
}
