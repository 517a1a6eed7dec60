package pastel.insights;

import pastel.campaign.CampaignService;
import pastel.campaign.SourceCount;

import io.javalin.http.Context;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.problem.PastelException;

/// The insights routes of an official account: summary, per item, per day, and all three as CSV.
public final class InsightsRoutes {
    private final InsightsService insights;
    private final CampaignService campaigns;
    private final CurrentAccount current;

    public InsightsRoutes(InsightsService insights, CampaignService campaigns, CurrentAccount current) {
        this.insights = insights;
        this.campaigns = campaigns;
        this.current = current;
    }

    public void register(Api api) {
        var routes = api.group("insights");
        routes.get("/accounts/{username}/insights/summary", ctx -> ctx.json(insights.summary(account(ctx), days(ctx))))
                .summary("Subscribers, gains and losses, views, unique viewers, watch time, completion and audience").query("days", Integer.class, "1-90 (default 7)").returns(InsightsService.Summary.class).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/stories", ctx -> ctx.json(insights.items(account(ctx), days(ctx))))
                .summary("Per item: views, unique viewers, average watch, completion rate, screenshots, replies").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.ItemInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/daily", ctx -> ctx.json(insights.daily(account(ctx), days(ctx))))
                .summary("Per day: views, unique viewers, subscribers gained and lost").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.DayInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/export.csv", this::csv).produces("text/csv")
                .summary("All of the above as CSV").query("days", Integer.class, "1-90 (default 7)").access(Access.TEAM);
        routes.get("/accounts/{username}/insights/sources", ctx -> ctx.json(campaigns.sources(current.require(ctx),
                        ctx.pathParam("username"), days(ctx))))
                .summary("Subscriptions gained per source (qr, discover, page, share, other) and campaign")
                .query("days", Integer.class, "1-90 (default 7)")
                .returns(Api.listOf(SourceCount.class)).access(Access.TEAM);
    }

    private Account account(Context ctx) {
        return insights.official(current.require(ctx), ctx.pathParam("username"));
    }

    private static int days(Context ctx) {
        return InsightsService.days(ctx.queryParam("days"));
    }

    private void csv(Context ctx) {
        var account = account(ctx);
        var days = days(ctx);
        var csv = InsightsCsv.of(insights.summary(account, days), insights.items(account, days), insights.daily(account, days));
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + account.username() + "-insights-" + days + "d.csv\"")
                .result(csv);
    }
}
