package pastel.report;

import pastel.account.AccountStore;
import pastel.account.CurrentAccount;
import pastel.feature.Feature;
import pastel.feature.Platform;
import pastel.media.SignedUrls;

/// Abuse reports as the composition root wires them.
public final class ReportFeature {
    private ReportFeature() {}

    public static Feature create(Platform p, AccountStore accounts, SignedUrls urls, CurrentAccount current) {
        var reports = new ReportService(p.jdbi(), accounts, urls, p.clock());
        return Feature.named("report").routes(new ReportRoutes(reports, current)::register).build();
    }
}
