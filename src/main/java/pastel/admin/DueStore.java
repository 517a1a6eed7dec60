package pastel.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/// How many rows of each kind are past their time, for `pastel admin due`: the same conditions
/// the sweeper deletes by, so what this lists is what the next sweep removes.
final class DueStore {
    private final Jdbi jdbi;

    DueStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /// Kind -> rows due at `now`. `sessionIdleCutoff`, `loginCutoff` and `dailyViewerCutoffDay`
    /// are the sweeper's own cut-offs.
    Map<String, Long> counts(long now, long sessionIdleCutoff, long loginCutoff, long dailyViewerCutoffDay) {
        var queries = new LinkedHashMap<String, String>();
        queries.put("story items past their 24 hours", "SELECT COUNT(*) FROM story_item WHERE expires_at <= :now");
        queries.put("snaps past their life", "SELECT COUNT(*) FROM snap WHERE expires_at <= :now");
        queries.put("chat messages past their time", "SELECT COUNT(*) FROM chat_message WHERE expires_at <= :now");
        queries.put("sessions unused for 30 days", "SELECT COUNT(*) FROM session WHERE last_used_at <= :idle");
        queries.put("failed sign-ins past their window", "SELECT COUNT(*) FROM login_failure WHERE at <= :login");
        queries.put("abuse-limit counts past their window", "SELECT COUNT(*) FROM rate_count WHERE ends_at <= :now");
        queries.put("daily viewer records older than 2 days", "SELECT COUNT(*) FROM story_daily_viewer WHERE day < :day");
        var out = new LinkedHashMap<String, Long>();
        jdbi.useHandle(h -> queries.forEach((kind, sql) -> {
            var query = h.createQuery(sql);
            if (sql.contains(":now")) query.bind("now", now);
            if (sql.contains(":idle")) query.bind("idle", sessionIdleCutoff);
            if (sql.contains(":login")) query.bind("login", loginCutoff);
            if (sql.contains(":day")) query.bind("day", dailyViewerCutoffDay);
            out.put(kind, query.mapTo(Long.class).one());
        }));
        return out;
    }
}
