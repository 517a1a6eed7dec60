package pastel.push;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import pastel.block.BlockService;
import pastel.db.Ids;
import pastel.friend.FriendService;
import pastel.subscription.SubscriptionService;

/// Every SQL statement of Web Push: VAPID keys, subscriptions, follows, settings, the outbox.
final class PushStore {
    /// A VAPID key as stored (the private key PKCS#8, base64).
    private record StoredKey(String id, String publicKey, String privateKey) {
        VapidKey key() {
            return VapidKey.fromStored(id, publicKey, privateKey);
        }
    }

    private static final RowMapper<StoredKey> KEY = ConstructorMapper.of(StoredKey.class);
    private static final RowMapper<Stored> STORED = ConstructorMapper.of(Stored.class);
    private static final RowMapper<PushSettings> SETTINGS = ConstructorMapper.of(PushSettings.class);

    private final Jdbi jdbi;

    PushStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Jdbi jdbi() {
        return jdbi;
    }

    // ---- VAPID keys

    /// The newest key, if any.
    Optional<VapidKey> currentKey() {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT id, public_key, private_key FROM push_vapid_key ORDER BY created_at DESC, id DESC LIMIT 1""")
                .map(KEY).findOne().map(StoredKey::key));
    }

    Optional<VapidKey> key(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, public_key, private_key FROM push_vapid_key WHERE id = :id")
                .bind("id", id).map(KEY).findOne().map(StoredKey::key));
    }

    /// Inserts a key unless one with this id exists (two nodes starting at once on an empty
    /// database both try the same first id, and one wins).
    void insertKey(VapidKey key, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO push_vapid_key (id, public_key, private_key, created_at) VALUES (:id, :public, :private, :now)
                ON CONFLICT (id) DO NOTHING""")
                .bind("id", key.id()).bind("public", key.publicKey()).bind("private", key.storedPrivateKey())
                .bind("now", now).execute());
    }

    /// Deletes the keys older than the current one that no subscription uses any more.
    int deleteUnusedOldKeys(String currentId) {
        return jdbi.withHandle(h -> h.createUpdate("""
                DELETE FROM push_vapid_key WHERE id <> :current
                  AND NOT EXISTS (SELECT 1 FROM push_subscription s WHERE s.vapid_key_id = push_vapid_key.id)""")
                .bind("current", currentId).execute());
    }

    // ---- subscriptions

    record Stored(String id, String endpoint, String p256dh, String auth, String accountId, String sessionHash) {}

    Optional<Stored> byEndpoint(Handle h, String endpoint) {
        return h.createQuery("""
                SELECT id, endpoint, p256dh, auth, account_id, session_hash FROM push_subscription WHERE endpoint = :e""")
                .bind("e", endpoint).map(STORED).findOne();
    }

    /// Creates or updates the subscription of `endpoint`; returns its id. A signed-in owner
    /// replaces any previous one (the browser now belongs to this session); a visitor's follow
    /// leaves the owner as it is.
    String upsert(Handle h, PushSubscription s, String accountId, String sessionHash, String keyId, String lang, long now) {
        var existing = byEndpoint(h, s.endpoint());
        if (existing.isEmpty()) {
            var id = Ids.newId(now);
            h.createUpdate("""
                    INSERT INTO push_subscription (id, endpoint, p256dh, auth, account_id, session_hash, vapid_key_id, lang, created_at)
                    VALUES (:id, :endpoint, :p256dh, :auth, :account, :session, :key, :lang, :now)""")
                    .bind("id", id).bind("endpoint", s.endpoint()).bind("p256dh", s.keys().p256dh()).bind("auth", s.keys().auth())
                    .bind("account", accountId).bind("session", sessionHash).bind("key", keyId).bind("lang", lang)
                    .bind("now", now).execute();
            return id;
        }
        var id = existing.get().id();
        h.createUpdate("""
                UPDATE push_subscription SET p256dh = :p256dh, auth = :auth, vapid_key_id = :key, lang = :lang,
                       account_id = COALESCE(:account, account_id), session_hash = COALESCE(:session, session_hash)
                WHERE id = :id""")
                .bind("id", id).bind("p256dh", s.keys().p256dh()).bind("auth", s.keys().auth()).bind("key", keyId)
                .bind("lang", lang).bind("account", accountId).bind("session", sessionHash).execute();
        return id;
    }

    void follow(Handle h, String subscriptionId, String accountId, long now) {
        h.createUpdate("""
                INSERT INTO push_follow (subscription_id, account_id, since) VALUES (:s, :a, :now)
                ON CONFLICT (subscription_id, account_id) DO NOTHING""")
                .bind("s", subscriptionId).bind("a", accountId).bind("now", now).execute();
    }

    int unfollow(Handle h, String subscriptionId, String accountId) {
        return h.createUpdate("DELETE FROM push_follow WHERE subscription_id = :s AND account_id = :a")
                .bind("s", subscriptionId).bind("a", accountId).execute();
    }

    /// Drops the signed-in owner of a subscription; what is left are its follows, if any.
    void disown(Handle h, String subscriptionId) {
        h.createUpdate("UPDATE push_subscription SET account_id = NULL, session_hash = NULL WHERE id = :id")
                .bind("id", subscriptionId).execute();
        h.createUpdate("DELETE FROM push_outbox WHERE subscription_id = :id AND kind <> 'story.follow'")
                .bind("id", subscriptionId).execute();
    }

    /// Deletes a subscription that has neither an owner nor a follow left.
    void deleteIfUnused(Handle h, String subscriptionId) {
        h.createUpdate("""
                DELETE FROM push_subscription WHERE id = :id AND account_id IS NULL
                  AND NOT EXISTS (SELECT 1 FROM push_follow f WHERE f.subscription_id = push_subscription.id)""")
                .bind("id", subscriptionId).execute();
    }

    int delete(String subscriptionId) {
        return jdbi.withHandle(h -> delete(h, subscriptionId));
    }

    static int delete(Handle h, String subscriptionId) {
        return h.createUpdate("DELETE FROM push_subscription WHERE id = :id").bind("id", subscriptionId).execute();
    }

    List<String> follows(Handle h, String subscriptionId) {
        return h.createQuery("""
                SELECT a.username FROM push_follow f JOIN account a ON a.id = f.account_id
                WHERE f.subscription_id = :s ORDER BY a.username""")
                .bind("s", subscriptionId).mapTo(String.class).list();
    }

    long pushFollowers(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM push_follow WHERE account_id = :a")
                .bind("a", accountId).mapTo(Long.class).one());
    }

    // ---- settings

    Optional<PushSettings> settings(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT snaps, chat, chat_text, friends, friend_stories, subscription_stories, community, screenshots, previews
                FROM push_settings WHERE account_id = :a""")
                .bind("a", accountId).map(SETTINGS).findOne());
    }

    void saveSettings(String accountId, PushSettings s) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO push_settings (account_id, snaps, chat, chat_text, friends, friend_stories, subscription_stories,
                                           community, screenshots, previews)
                VALUES (:a, :snaps, :chat, :chatText, :friends, :friendStories, :subscriptionStories, :community, :screenshots, :previews)
                ON CONFLICT (account_id) DO UPDATE SET snaps = excluded.snaps, chat = excluded.chat, chat_text = excluded.chat_text,
                  friends = excluded.friends, friend_stories = excluded.friend_stories,
                  subscription_stories = excluded.subscription_stories, community = excluded.community,
                  screenshots = excluded.screenshots, previews = excluded.previews""")
                .bind("a", accountId).bindMethods(s).execute());
    }

    void mute(String accountId, String mutedId, boolean muted) {
        jdbi.useHandle(h -> {
            if (muted) {
                h.createUpdate("""
                        INSERT INTO push_story_mute (account_id, muted_id) VALUES (:a, :m)
                        ON CONFLICT (account_id, muted_id) DO NOTHING""").bind("a", accountId).bind("m", mutedId).execute();
            } else {
                h.createUpdate("DELETE FROM push_story_mute WHERE account_id = :a AND muted_id = :m")
                        .bind("a", accountId).bind("m", mutedId).execute();
            }
        });
    }

    List<String> muted(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT a.username FROM push_story_mute m JOIN account a ON a.id = m.muted_id
                WHERE m.account_id = :a ORDER BY a.username""").bind("a", accountId).mapTo(String.class).list());
    }

    // ---- the outbox

    /// Queues `kind` about `subject` for every subscription of account `to`.
    int enqueueFor(String to, String kind, String subject, String actorId, long now, long expires) {
        return jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO push_outbox (id, subscription_id, kind, subject_id, actor_id, created_at, expires_at, due_at)
                SELECT s.id || ':' || :event, s.id, :kind, :subject, :actor, :now, :expires, :now
                FROM push_subscription s WHERE s.account_id = :to
                ON CONFLICT DO NOTHING""")
                .bind("event", Ids.newId(now)).bind("kind", kind).bind("subject", subject).bind("actor", actorId)
                .bind("now", now).bind("expires", expires).bind("to", to).execute());
    }

    /// Queues a story item for everyone who may be told of it: the poster's friends, and for a
    /// public item its subscribers and the visitors who follow it by push. Whether each of them
    /// wants it is decided when sending.
    int enqueueStory(String posterId, String itemId, boolean publicItem, long now, long expires) {
        return jdbi.withHandle(h -> h.createUpdate("""
                INSERT INTO push_outbox (id, subscription_id, kind, subject_id, actor_id, created_at, expires_at, due_at)
                SELECT s.id || ':' || :event, s.id, CASE WHEN s.account_id IS NULL THEN 'story.follow' ELSE 'story' END,
                       :item, :poster, :now, :expires, :now
                FROM push_subscription s
                WHERE s.account_id IN (""" + FriendService.friendIdsSql(":poster") + """
                )
                   OR (:public AND s.account_id IN (""" + SubscriptionService.subscriberIdsSql(":poster") + """
                ))
                   OR (:public AND s.id IN (SELECT subscription_id FROM push_follow WHERE account_id = :poster))
                ON CONFLICT DO NOTHING""")
                .bind("event", Ids.newId(now)).bind("item", itemId).bind("poster", posterId).bind("public", publicItem)
                .bind("now", now).bind("expires", expires).execute());
    }

    Optional<String> accountIdOf(String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM account WHERE username = :u").bind("u", username)
                .mapTo(String.class).findOne());
    }

    /// When a snap ends (30 days, or 24 h when sent to several friends), or empty if it is gone.
    Optional<Long> snapExpiry(String snapId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT expires_at FROM snap WHERE id = :id").bind("id", snapId)
                .mapTo(Long.class).findOne());
    }

    /// When a story item ends (its expiry), or empty if it is already gone.
    Optional<Long> storyItemExpiry(String itemId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT expires_at FROM story_item WHERE id = :id").bind("id", itemId)
                .mapTo(Long.class).findOne());
    }

    /// Claims up to `limit` due rows for this node until `until`. The claim condition is repeated
    /// outside the sub-select so that, on PostgreSQL, a row another node claimed meanwhile is
    /// re-checked and skipped rather than claimed twice.
    int claim(String node, long now, long until, int limit) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE push_outbox SET claimed_by = :node, claimed_until = :until
                WHERE id IN (SELECT id FROM push_outbox WHERE due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)
                             ORDER BY due_at LIMIT :limit)
                  AND due_at <= :now AND (claimed_until IS NULL OR claimed_until < :now)""")
                .bind("node", node).bind("until", until).bind("now", now).bind("limit", limit).execute());
    }

    /// A claimed row with everything needed to decide and write its message.
    record Due(String id, String kind, String subjectId, String actorId, long expiresAt, int attempts,
               String subscriptionId, String endpoint, String p256dh, String auth, String accountId, String lang,
               String vapidKeyId, String actorUsername, String actorName, Integer recipientBirthDay,
               PushSettings settings, boolean blocked, boolean alive, boolean friend, boolean subscriber,
               boolean muted, boolean follows, String chatText, String chatWith) {}

    List<Due> claimed(String node, long until, long now) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT o.id, o.kind, o.subject_id, o.actor_id, o.expires_at, o.attempts,
                       s.id AS subscription_id, s.endpoint, s.p256dh, s.auth, s.account_id, s.lang, s.vapid_key_id,
                       a.username AS actor_username, a.display_name AS actor_name, r.birth_day,
                       st.account_id AS has_settings, st.snaps, st.chat, st.chat_text, st.friends, st.friend_stories,
                       st.subscription_stories, st.community, st.screenshots, st.previews,
                       """ + BlockService.eitherBlocksSql("s.account_id", "o.actor_id") + """
                 AS blocked,
                       CASE o.kind
                         WHEN 'snap' THEN EXISTS (SELECT 1 FROM snap_recipient sr JOIN snap sn ON sn.id = sr.snap_id
                                                  WHERE sr.snap_id = o.subject_id AND sr.recipient_id = s.account_id
                                                    AND sr.opened_at IS NULL AND sn.expires_at > :now)
                         WHEN 'snap.screenshot' THEN EXISTS (SELECT 1 FROM snap sn WHERE sn.id = o.subject_id AND sn.expires_at > :now)
                         WHEN 'chat' THEN EXISTS (SELECT 1 FROM chat_message m WHERE m.id = o.subject_id AND m.read_at IS NULL)
                         WHEN 'friend.request' THEN EXISTS (SELECT 1 FROM friend_request fr WHERE fr.id = o.subject_id)
                         WHEN 'friend.accepted' THEN""" + " " + FriendService.areFriendsSql("s.account_id", "o.actor_id") + """

                         WHEN 'community.approved' THEN EXISTS (SELECT 1 FROM community_submission cs
                                                  JOIN story_item si ON si.id = cs.item_id
                                                  WHERE cs.id = o.subject_id AND (si.expires_at IS NULL OR si.expires_at > :now))
                         WHEN 'community.rejected' THEN EXISTS (SELECT 1 FROM community_submission cs WHERE cs.id = o.subject_id)
                         ELSE EXISTS (SELECT 1 FROM story_item si WHERE si.id = o.subject_id
                                        AND (si.expires_at IS NULL OR si.expires_at > :now))
                       END AS alive,
                       """ + FriendService.areFriendsSql("s.account_id", "o.actor_id") + """
                 AS friend,
                       o.actor_id IN (""" + SubscriptionService.subscribedIdsSql("s.account_id") + """
                ) AS subscriber,
                       EXISTS (SELECT 1 FROM push_story_mute mu WHERE mu.account_id = s.account_id AND mu.muted_id = o.actor_id) AS muted,
                       EXISTS (SELECT 1 FROM push_follow pf WHERE pf.subscription_id = s.id AND pf.account_id = o.actor_id) AS follows,
                       CASE WHEN o.kind = 'chat' THEN (SELECT m.text FROM chat_message m WHERE m.id = o.subject_id) END AS message_text,
                       CASE WHEN o.kind = 'chat' THEN (SELECT w.username FROM chat_message m JOIN account w ON w.id = m.sender_id
                                                       WHERE m.id = o.subject_id) END AS chat_with
                FROM push_outbox o
                JOIN push_subscription s ON s.id = o.subscription_id
                LEFT JOIN account a ON a.id = o.actor_id
                LEFT JOIN account r ON r.id = s.account_id
                LEFT JOIN push_settings st ON st.account_id = s.account_id
                WHERE o.claimed_by = :node AND o.claimed_until = :until
                ORDER BY o.due_at""")
                .bind("node", node).bind("until", until).bind("now", now)
                .map((rs, ctx) -> {
                    var birthDay = rs.getObject("birth_day") == null ? null : rs.getInt("birth_day");
                    var settings = rs.getString("has_settings") == null ? null : new PushSettings(rs.getBoolean("snaps"),
                            rs.getBoolean("chat"), rs.getBoolean("chat_text"), rs.getBoolean("friends"),
                            rs.getBoolean("friend_stories"), rs.getBoolean("subscription_stories"), rs.getBoolean("community"),
                            rs.getBoolean("screenshots"), rs.getBoolean("previews"));
                    return new Due(rs.getString("id"), rs.getString("kind"), rs.getString("subject_id"), rs.getString("actor_id"),
                            rs.getLong("expires_at"), rs.getInt("attempts"), rs.getString("subscription_id"),
                            rs.getString("endpoint"), rs.getString("p256dh"), rs.getString("auth"), rs.getString("account_id"),
                            rs.getString("lang"), rs.getString("vapid_key_id"), rs.getString("actor_username"),
                            rs.getString("actor_name"), birthDay, settings, rs.getBoolean("blocked"), rs.getBoolean("alive"),
                            rs.getBoolean("friend"), rs.getBoolean("subscriber"), rs.getBoolean("muted"),
                            rs.getBoolean("follows"), rs.getString("message_text"), rs.getString("chat_with"));
                }).list());
    }

    void renew(String node, long until) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE push_outbox SET claimed_until = :until WHERE claimed_by = :node")
                .bind("node", node).bind("until", until).execute());
    }

    /// Deletes rows this node still holds (sent, or given up), in one statement.
    void done(java.util.Collection<String> ids, String node) {
        if (ids.isEmpty()) return;
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM push_outbox WHERE claimed_by = :node AND id IN (<ids>)")
                .bind("node", node).bindList("ids", List.copyOf(ids)).execute());
    }

    void retryAt(String id, String node, long dueAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE push_outbox SET attempts = attempts + 1, due_at = :due, claimed_by = NULL, claimed_until = NULL
                WHERE id = :id AND claimed_by = :node""")
                .bind("id", id).bind("node", node).bind("due", dueAt).execute());
    }

    /// Rows past their expiry, whoever holds them: nothing to tell any more.
    int deleteExpired(long now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM push_outbox WHERE expires_at <= :now")
                .bind("now", now).execute());
    }

    long outboxSize() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM push_outbox").mapTo(Long.class).one());
    }
}
