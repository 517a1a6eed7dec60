package pastel.insights;

import java.util.List;

/// Insights as one CSV file: the summary as section/key/value lines, then per item, then per day.
final class InsightsCsv {
    private InsightsCsv() {}

    static String of(InsightsService.Summary summary, List<InsightsService.ItemInsight> items,
                     List<InsightsService.DayInsight> days) {
        var out = new StringBuilder();
        out.append("section,key,value\n");
        row(out, "summary", "days", summary.days());
        row(out, "summary", "subscribers", summary.subscribers());
        row(out, "summary", "subscribersGained", summary.subscribersGained());
        row(out, "summary", "subscribersLost", summary.subscribersLost());
        row(out, "summary", "pushFollowers", summary.pushFollowers());
        row(out, "summary", "views", summary.views());
        row(out, "summary", "uniqueViewers", summary.uniqueViewers());
        row(out, "summary", "avgWatchMs", summary.avgWatchMs());
        row(out, "summary", "completionRate", summary.completionRate());
        summary.audience().ageBands().forEach((band, value) -> row(out, "ageBand", band, value));
        summary.audience().subscriberShare().forEach((who, value) -> row(out, "subscriberShare", who, value));
        out.append("\nitem,postedAt,views,uniqueViewers,avgWatchMs,completionRate,screenshots,replies\n");
        for (var item : items) {
            out.append(item.id()).append(',').append(item.postedAt()).append(',').append(item.views()).append(',')
                    .append(item.uniqueViewers()).append(',').append(blank(item.avgWatchMs())).append(',')
                    .append(blank(item.completionRate())).append(',').append(item.screenshots()).append(',')
                    .append(item.replies()).append('\n');
        }
        out.append("\ndate,views,uniqueViewers,subscribersGained,subscribersLost\n");
        for (var day : days) {
            out.append(day.date()).append(',').append(day.views()).append(',').append(day.uniqueViewers()).append(',')
                    .append(day.subscribersGained()).append(',').append(day.subscribersLost()).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String section, String key, Object value) {
        out.append(section).append(',').append(key).append(',').append(blank(value)).append('\n');
    }

    private static String blank(Object value) {
        return value == null ? "" : value.toString();
    }
}
