package pastel.insights;

import pastel.campaign.CampaignService;
import pastel.campaign.SourceCount;

import io.javalin.http.Context;
import pastel.account.Account;
import pastel.account.CurrentAccount;
import pastel.http.Access;
import pastel.http.Api;
import pastel.problem.PastelException;

/// The insights routes of an official account: summary, per item, per day, subscriber sources,
/// and each of them as a CSV table of its own.
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
        routes.get("/accounts/{username}/insights/stories", ctx -> ctx.json(insights.items(account(ctx), days(ctx), current.viewer(ctx))))
                .summary("Per item: kind, caption and thumbnail (null once deleted), views, unique viewers, average watch, "
                        + "completion rate, screenshots, replies").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.ItemInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/daily", ctx -> ctx.json(insights.daily(account(ctx), days(ctx))))
                .summary("Per day: views, unique viewers, subscribers gained and lost").query("days", Integer.class, "1-90 (default 7)").returns(Api.listOf(InsightsService.DayInsight.class)).access(Access.TEAM);
        routes.get("/accounts/{username}/insights/export.csv", this::csv).produces("text/csv")
                .summary("One insights table as a CSV file (header row, RFC 4180, ISO 8601 dates in UTC, dot decimals)")
                .query("days", Integer.class, "1-90 (default 7)")
                .query("table", String.class, "summary, stories, daily, audience or sources (default stories)")
                .access(Access.TEAM);
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
        var table = InsightsCsv.Table.of(ctx.queryParam("table"));
        var days = days(ctx);
        var from = java.time.LocalDate.ofInstant(insights.from(days), java.time.ZoneOffset.UTC);
        var to = from.plusDays(days - 1L);
        var csv = switch (table) {
            case SUMMARY -> InsightsCsv.summary(insights.summary(account, days), from, to);
            case STORIES -> InsightsCsv.stories(insights.items(account, days, null));
            case DAILY -> InsightsCsv.daily(insights.daily(account, days));
            case AUDIENCE -> InsightsCsv.audience(insights.summary(account, days).audience());
            case SOURCES -> InsightsCsv.sources(campaigns.sources(current.require(ctx), account.username(), days));
        };
        // e.g. toulouse-stories-2026-11-03_2026-11-30.csv: the account, the table and the period.
        var filename = account.username() + "-" + table.slug() + "-" + from + "_" + to + ".csv";
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .result(csv);
    }
}
