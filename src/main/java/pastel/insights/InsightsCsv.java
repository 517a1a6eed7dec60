package pastel.insights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import pastel.campaign.SourceCount;
import pastel.problem.PastelException;

/// Insights as CSV, one table per file, so that a spreadsheet opens each as it is: a header row,
/// RFC 4180 (comma, CRLF, double quotes around fields that need them), ISO 8601 dates and times
/// (UTC), dot decimals whatever the server's locale, and no formula a spreadsheet would run.
final class InsightsCsv {
    private InsightsCsv() {}

    /// The tables `?table=` names. Without it, `stories`: the per-item table is what a report is
    /// mostly made of, and a link written before tables existed still opens as one clean table.
    enum Table {
        SUMMARY, STORIES, DAILY, AUDIENCE, SOURCES;

        static final Table DEFAULT = STORIES;

        static Table of(String raw) {
            if (raw == null || raw.isBlank()) return DEFAULT;
            return Arrays.stream(values()).filter(t -> t.slug().equals(raw.strip().toLowerCase(Locale.ROOT))).findFirst()
                    .orElseThrow(() -> new PastelException.Invalid("table", "unknown",
                            "must be one of " + String.join(", ", Arrays.stream(values()).map(Table::slug).toList())));
        }

        String slug() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static String summary(InsightsService.Summary summary, LocalDate from, LocalDate to) {
        var rows = new ArrayList<List<Object>>();
        rows.add(List.of("metric", "value"));
        rows.add(List.of("from", from));
        rows.add(List.of("to", to));
        rows.add(List.of("days", summary.days()));
        rows.add(List.of("subscribers", summary.subscribers()));
        rows.add(List.of("subscribersGained", summary.subscribersGained()));
        rows.add(List.of("subscribersLost", summary.subscribersLost()));
        rows.add(List.of("pushFollowers", summary.pushFollowers()));
        rows.add(List.of("views", summary.views()));
        rows.add(List.of("uniqueViewers", summary.uniqueViewers()));
        rows.add(Arrays.asList("avgWatchSeconds", seconds(summary.avgWatchMs())));
        rows.add(Arrays.asList("completionRate", rate(summary.completionRate())));
        return write(rows);
    }

    static String stories(List<InsightsService.ItemInsight> items) {
        var rows = new ArrayList<List<Object>>();
        rows.add(List.of("item", "postedAt", "kind", "caption", "views", "uniqueViewers", "avgWatchSeconds",
                "completionRate", "screenshots", "replies", "deleted"));
        for (var item : items) {
            rows.add(Arrays.asList(item.id(), item.postedAt().truncatedTo(ChronoUnit.SECONDS), item.kind(), item.caption(),
                    item.views(), item.uniqueViewers(), seconds(item.avgWatchMs()), rate(item.completionRate()),
                    item.screenshots(), item.replies(), item.kind() == null));
        }
        return write(rows);
    }

    static String daily(List<InsightsService.DayInsight> days) {
        var rows = new ArrayList<List<Object>>();
        rows.add(List.of("date", "views", "uniqueViewers", "subscribersGained", "subscribersLost"));
        for (var day : days) {
            rows.add(List.of(day.date(), day.views(), day.uniqueViewers(), day.subscribersGained(), day.subscribersLost()));
        }
        return write(rows);
    }

    /// Age bands and subscribers vs. others; a cell under the threshold says `suppressed`, as the API does.
    static String audience(InsightsService.Audience audience) {
        var rows = new ArrayList<List<Object>>();
        rows.add(List.of("breakdown", "segment", "people"));
        audience.ageBands().forEach((band, people) -> rows.add(List.of("age", band, people)));
        audience.subscriberShare().forEach((who, people) -> rows.add(List.of("subscription", who, people)));
        return write(rows);
    }

    static String sources(List<SourceCount> sources) {
        var rows = new ArrayList<List<Object>>();
        rows.add(List.of("source", "campaign", "subscriptions"));
        for (var source : sources) rows.add(Arrays.asList(source.source(), source.campaign(), source.subscriptions()));
        return write(rows);
    }

    private static String seconds(Long ms) {
        return ms == null ? null : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
    }

    private static String rate(Double rate) {
        return rate == null ? null : String.format(Locale.ROOT, "%.4f", rate);
    }

    private static String write(List<List<Object>> rows) {
        var out = new StringBuilder();
        for (var row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) out.append(',');
                out.append(field(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /// One field: empty for null; quoted when it holds a comma, a quote or a line break (quotes
    /// doubled); text a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) gets a
    /// leading apostrophe, so a caption never runs in the reader's spreadsheet.
    static String field(Object value) {
        if (value == null) return "";
        var text = value instanceof Instant || value instanceof LocalDate || value instanceof Number || value instanceof Boolean
                ? value.toString() : neutral(value.toString());
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String neutral(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
