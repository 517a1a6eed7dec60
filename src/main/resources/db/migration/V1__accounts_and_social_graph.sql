-- One portable schema for SQLite and PostgreSQL: text ids made by the application,
-- times as epoch milliseconds (BIGINT), dates as epoch days (INTEGER).

CREATE TABLE account (
    id            VARCHAR(26)  PRIMARY KEY,
    username      VARCHAR(30)  NOT NULL UNIQUE,
    display_name  VARCHAR(64)  NOT NULL,
    password_hash VARCHAR(200) NOT NULL,
    -- NULL only for operator accounts made by `pastel admin create-admin`.
    birth_day     INTEGER,
    kind          VARCHAR(10)  NOT NULL,
    category      VARCHAR(20),
    city          VARCHAR(64),
    bio           VARCHAR(300),
    website       VARCHAR(200),
    verified      BOOLEAN      NOT NULL DEFAULT FALSE,
    admin         BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    BIGINT       NOT NULL,
    -- Lower-cased, accent-free "username display name", written by the application so that
    -- search behaves the same on SQLite (ASCII-only LOWER) and PostgreSQL: "nimes" finds "Nîmes".
    search_text   VARCHAR(100) NOT NULL
);
CREATE INDEX account_kind_category ON account (kind, category);

CREATE TABLE session (
    token_hash   VARCHAR(64) PRIMARY KEY,
    account_id   VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   BIGINT      NOT NULL,
    last_used_at BIGINT      NOT NULL
);
CREATE INDEX session_account ON session (account_id);
CREATE INDEX session_last_used ON session (last_used_at);

CREATE TABLE friend_request (
    id         VARCHAR(26) PRIMARY KEY,
    from_id    VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    to_id      VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at BIGINT      NOT NULL,
    UNIQUE (from_id, to_id)
);
CREATE INDEX friend_request_to ON friend_request (to_id);

-- Both directions are stored, so "my friends" is one indexed range.
CREATE TABLE friendship (
    account_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    friend_id  VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    since      BIGINT      NOT NULL,
    PRIMARY KEY (account_id, friend_id)
);
CREATE INDEX friendship_friend ON friendship (friend_id);

CREATE TABLE subscription (
    subscriber_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    account_id    VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    since         BIGINT      NOT NULL,
    PRIMARY KEY (subscriber_id, account_id)
);
CREATE INDEX subscription_account ON subscription (account_id);

CREATE TABLE block (
    blocker_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    blocked_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX block_blocked ON block (blocked_id);
