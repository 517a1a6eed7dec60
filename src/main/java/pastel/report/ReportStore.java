package pastel.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.account.AccountStore;

/// The `report` table: the admins' queue.
final class ReportStore {
    /// A report row with the names it points at (null where that account is gone).
    record Row(String id, String reporter, String accountId, String storyId, String snapId, String reason,
               ReportStatus status, Instant createdAt, String decidedBy, Instant decidedAt) {}

    /// The reported account as an admin sees it in the queue.
    record AccountRow(String username, String displayName, String kind, String category, String city, boolean verified,
                      Instant createdAt) {}

    /// A reported story item while it is up: whose, what, its words, and the media to show.
    record StoryRow(String username, String kind, String caption, String alt, Instant postedAt, Instant expiresAt,
                    String mediaId) {}

    /// A reported snap while its row exists: who sent it and when, nothing of its media.
    record SnapRow(String username, Instant sentAt) {}

    private static final RowMapper<Row> ROW = ConstructorMapper.of(Row.class);
    private static final String SELECT = """
            SELECT r.id, rp.username AS reporter, r.account_id, r.story_id, r.snap_id, r.reason, r.status,
                   r.created_at, r.decided_by, r.decided_at
            FROM report r %s""".formatted(AccountStore.leftJoin("rp", "r.reporter_id"));

    private final Jdbi jdbi;

    ReportStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void insert(String id, String reporterId, String accountId, String storyId, String snapId, String reason, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO report (id, reporter_id, account_id, story_id, snap_id, reason, status, created_at)
                VALUES (:id, :me, :account, :story, :snap, :reason, :status, :now)""")
                .bind("id", id).bind("me", reporterId).bind("account", accountId)
                .bind("story", storyId)
                .bind("snap", snapId)
                .bind("status", ReportStatus.OPEN)
                .bind("reason", reason).bind("now", now).execute());
    }

    /// Reports of one status: open ones oldest first (a queue), decided ones newest decision first.
    List<Row> withStatus(ReportStatus status, int limit) {
        var order = status == ReportStatus.OPEN ? "r.created_at, r.id" : "r.decided_at DESC, r.id DESC";
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE r.status = :s ORDER BY " + order + " LIMIT :limit")
                .bind("s", status).bind("limit", limit).map(ROW).list());
    }

    Optional<Row> byId(String id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " WHERE r.id = :id").bind("id", id).map(ROW).findOne());
    }

    /// Decides an open report, once: a single conditional UPDATE, so two admins deciding at the
    /// same moment cannot both win (the second learns who did). `admin` is null from the command line.
    boolean decide(String id, ReportStatus verdict, String admin, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE report SET status = :verdict, decided_by = :admin, decided_at = :at
                WHERE id = :id AND status = :open""")
                .bind("verdict", verdict).bind("admin", admin).bind("at", at).bind("id", id)
                .bind("open", ReportStatus.OPEN).execute()) == 1;
    }

    // What a report names, read from the account, story and snap features' tables: to become
    // AccountService / StoryService / SnapService methods (12-content's packages).

    Optional<AccountRow> account(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT username, display_name, kind, category, city, verified, created_at FROM account WHERE id = :id""")
                .bind("id", accountId).map(ConstructorMapper.of(AccountRow.class)).findOne());
    }

    /// The story item while it is up (a highlight stays up), with its text alternative.
    Optional<StoryRow> liveStoryItem(String itemId, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, i.kind, i.caption, t.alt, i.posted_at, i.expires_at, i.media_id
                FROM story_item i %s LEFT JOIN media_text t ON t.media_id = i.media_id
                WHERE i.id = :id AND (i.highlight = TRUE OR i.expires_at IS NULL OR i.expires_at > :now)""".formatted(AccountStore.join("a", "i.account_id")))
                .bind("id", itemId).bind("now", now).map(ConstructorMapper.of(StoryRow.class)).findOne());
    }

    Optional<SnapRow> snap(String snapId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username, s.sent_at FROM snap s %s WHERE s.id = :id""".formatted(AccountStore.join("a", "s.sender_id")))
                .bind("id", snapId).map(ConstructorMapper.of(SnapRow.class)).findOne());
    }

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
