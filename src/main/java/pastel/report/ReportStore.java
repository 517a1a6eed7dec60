package pastel.report;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import pastel.account.AccountStore;

/// The `report` table: the admins' queue.
final class ReportStore {
    private final Jdbi jdbi;

    ReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(String id, String reporterId, String accountId, String storyId, String snapId, String reason, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO report (id, reporter_id, account_id, story_id, snap_id, reason, status, created_at)
                VALUES (:id, :me, :account, :story, :snap, :reason, 'open', :now)""")
                .bind("id", id).bind("me", reporterId).bind("account", accountId)
                .bind("story", storyId)
                .bind("snap", snapId)
                .bind("reason", reason).bind("now", now).execute());
    }

    List<ReportService.Report> open() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT r.id, rp.username AS reporter, a.username AS account, r.story_id, r.snap_id, r.reason, r.status,
                       r.created_at
                FROM report r %s %s
                WHERE r.status = 'open' ORDER BY r.created_at""".formatted(
                        AccountStore.leftJoin("rp", "r.reporter_id"), AccountStore.leftJoin("a", "r.account_id")))
                .map((rs, c) -> new ReportService.Report(rs.getString("id"), rs.getString("reporter"), rs.getString("account"),
                        rs.getString("story_id"), rs.getString("snap_id"), rs.getString("reason"), rs.getString("status"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list());
    }

    boolean close(String id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE report SET status = 'closed' WHERE id = :id AND status = 'open'")
                .bind("id", id).execute()) == 1;
    }

    // What a report names must exist and be the reporter's to see. These two read the story and
    // snap features' tables: to become StoryService / SnapService methods (12-content's packages).

    /// A story item still up.
    boolean storyItemIsUp(String itemId, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM story_item WHERE id = :id AND (expires_at IS NULL OR expires_at > :now)""")
                .bind("id", itemId).bind("now", now).mapTo(Long.class).one()) > 0;
    }

    /// A snap `accountId` sent or received.
    boolean snapIsBetween(String snapId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT COUNT(*) FROM snap s WHERE s.id = :id AND (s.sender_id = :me
                    OR EXISTS (SELECT 1 FROM snap_recipient r WHERE r.snap_id = s.id AND r.recipient_id = :me))""")
                .bind("id", snapId).bind("me", accountId).mapTo(Long.class).one()) > 0;
    }
}
