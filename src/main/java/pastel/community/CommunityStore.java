package pastel.community;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.media.Media;
import pastel.db.Records;

/// The `community_submission` table: every SQL statement about submissions.
final class CommunityStore {
    /// A submission as written when it is made.
    record NewSubmission(String id, String accountId, String submitterId, String mediaId, String caption,
                         boolean anonymous, SubmissionStatus status, Instant submittedAt) {}

    /// A submission in a moderation queue, with its submitter's name and its media (kind null: gone).
    record Queued(String id, SubmissionStatus status, boolean anonymous, String caption, Instant submittedAt,
                  Instant decidedAt, String mediaId, String username, Media.Kind kind, Instant mediaExpiresAt) {}

    /// What deciding on a submission needs; `kind` is null once its media is gone.
    record Undecided(String submitterId, String mediaId, String caption, boolean anonymous, Media.Kind kind,
                     SubmissionStatus status) {}

    private static final RowMapper<Queued> QUEUED = ConstructorMapper.of(Queued.class);
    private static final RowMapper<Undecided> UNDECIDED = ConstructorMapper.of(Undecided.class);

    private final Jdbi jdbi;

    CommunityStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    static void insert(Handle h, NewSubmission submission) {
        Records.bind(h.createUpdate("""
                INSERT INTO community_submission (id, account_id, submitter_id, media_id, caption, anonymous, status,
                                                  submitted_at)
                VALUES (:id, :accountId, :submitterId, :mediaId, :caption, :anonymous, :status, :submittedAt)"""), submission).execute();
    }

    /// The account's submissions in `status`, newest first (200 at most).
    List<Queued> queue(String accountId, SubmissionStatus status) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT s.id, s.status, s.anonymous, s.caption, s.submitted_at, s.decided_at, s.media_id, a.username,
                       m.kind, m.expires_at AS media_expires_at
                FROM community_submission s JOIN account a ON a.id = s.submitter_id
                LEFT JOIN media m ON m.id = s.media_id
                WHERE s.account_id = :account AND s.status = :status
                ORDER BY s.submitted_at DESC LIMIT 200""")
                .bind("account", accountId).bind("status", status)
                .map(QUEUED).list());
    }

    static Optional<Undecided> find(Handle h, String submissionId, String accountId) {
        return h.createQuery("""
                SELECT s.submitter_id, s.media_id, s.caption, s.anonymous, m.kind, s.status
                FROM community_submission s LEFT JOIN media m ON m.id = s.media_id
                WHERE s.id = :id AND s.account_id = :account""")
                .bind("id", submissionId).bind("account", accountId)
                .map(UNDECIDED).findOne();
    }

    /// One conditional UPDATE: two managers deciding at once cannot both win (false for the second).
    static boolean decide(Handle h, String submissionId, SubmissionStatus status, String deciderId, Instant now) {
        return h.createUpdate("""
                UPDATE community_submission SET status = :status, decided_at = :now, decided_by = :me
                WHERE id = :id AND status = 'pending'""")
                .bind("status", status).bind("now", now).bind("me", deciderId).bind("id", submissionId)
                .execute() == 1;
    }

    /// Links an approved submission to the story item it became.
    static void setItem(Handle h, String submissionId, String itemId) {
        h.createUpdate("UPDATE community_submission SET item_id = :item WHERE id = :id")
                .bind("item", itemId).bind("id", submissionId).execute();
    }
}
