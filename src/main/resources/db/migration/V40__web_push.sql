-- Web Push (RFC 8030/8291/8292).

-- The instance's VAPID key pairs. The newest is the one browsers subscribe with; an older one
-- keeps signing for the subscriptions made with it until their browsers subscribe again.
CREATE TABLE push_vapid_key (
    id          VARCHAR(26)  PRIMARY KEY,
    public_key  VARCHAR(100) NOT NULL,
    private_key VARCHAR(400) NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- A browser's push subscription. `account_id` is the signed-in owner and `session_hash` the
-- session it was made in (its end ends the pushes: sign-out, password change, expiry); both NULL
-- for a visitor who only follows public accounts (push_follow).
CREATE TABLE push_subscription (
    id           VARCHAR(26)   PRIMARY KEY,
    endpoint     VARCHAR(1000) NOT NULL UNIQUE,
    p256dh       VARCHAR(100)  NOT NULL,
    auth         VARCHAR(40)   NOT NULL,
    account_id   VARCHAR(26)   REFERENCES account (id) ON DELETE CASCADE,
    session_hash VARCHAR(64)   REFERENCES session (token_hash) ON DELETE CASCADE,
    vapid_key_id VARCHAR(26)   NOT NULL REFERENCES push_vapid_key (id),
    lang         VARCHAR(5)    NOT NULL,
    created_at   BIGINT        NOT NULL
);
CREATE INDEX push_subscription_account ON push_subscription (account_id);
CREATE INDEX push_subscription_session ON push_subscription (session_hash);

-- "Follow without an account": a subscription told of one public account's public stories.
CREATE TABLE push_follow (
    subscription_id VARCHAR(26) NOT NULL REFERENCES push_subscription (id) ON DELETE CASCADE,
    account_id      VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    since           BIGINT      NOT NULL,
    PRIMARY KEY (subscription_id, account_id)
);
CREATE INDEX push_follow_account ON push_follow (account_id);

-- What an account wants pushed; no row = the defaults (PushSettings.defaults).
CREATE TABLE push_settings (
    account_id         VARCHAR(26) PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    snaps              BOOLEAN     NOT NULL,
    chat               BOOLEAN     NOT NULL,
    chat_text          BOOLEAN     NOT NULL,
    friends            BOOLEAN     NOT NULL,
    friend_stories     BOOLEAN     NOT NULL,
    subscription_stories BOOLEAN   NOT NULL,
    community          BOOLEAN     NOT NULL,
    screenshots        BOOLEAN     NOT NULL,
    previews           BOOLEAN     NOT NULL
);

-- Subscriptions whose stories an account does not want pushed ("notify me" turned off).
CREATE TABLE push_story_mute (
    account_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    muted_id   VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, muted_id)
);

-- Pushes to send, one row per subscription and thing to tell. The row is written when the event
-- happens and deleted once the push service accepted it (or it cannot be delivered any more), so
-- a crash in between only delays it. The message itself is made when sending, so a block, a
-- setting turned off or content gone in the meantime stop it.
CREATE TABLE push_outbox (
    id              VARCHAR(60)  PRIMARY KEY,
    subscription_id VARCHAR(26)  NOT NULL REFERENCES push_subscription (id) ON DELETE CASCADE,
    kind            VARCHAR(30)  NOT NULL,
    subject_id      VARCHAR(26)  NOT NULL,
    -- The account whose action it tells (the sender, the poster): blocks are checked against it.
    actor_id        VARCHAR(26)  REFERENCES account (id) ON DELETE CASCADE,
    created_at      BIGINT       NOT NULL,
    -- Past this instant the message is pointless (the content's own end at the latest).
    expires_at      BIGINT       NOT NULL,
    due_at          BIGINT       NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    -- Which node is sending it, until when: one node at a time, and a dead node's claim lapses.
    claimed_by      VARCHAR(40),
    claimed_until   BIGINT,
    UNIQUE (subscription_id, kind, subject_id)
);
CREATE INDEX push_outbox_due ON push_outbox (due_at);
