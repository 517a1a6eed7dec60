-- What the original upload was, for rules that judge it (a geofilter must be a transparent PNG).
ALTER TABLE media ADD COLUMN source_type VARCHAR(10);
ALTER TABLE media ADD COLUMN source_bytes BIGINT;
ALTER TABLE media ADD COLUMN source_width INTEGER;
ALTER TABLE media ADD COLUMN source_height INTEGER;
ALTER TABLE media ADD COLUMN has_alpha BOOLEAN;

-- A story item, in the account's main story or its community story. `expires_at` NULL = highlight.
CREATE TABLE story_item (
    id           VARCHAR(26)  PRIMARY KEY,
    account_id   VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    posted_by    VARCHAR(26)  REFERENCES account (id) ON DELETE SET NULL,
    media_id     VARCHAR(26)  NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    story        VARCHAR(10)  NOT NULL,
    kind         VARCHAR(10)  NOT NULL,
    audience     VARCHAR(10)  NOT NULL,
    caption      VARCHAR(1000),
    credit_id    VARCHAR(26)  REFERENCES account (id) ON DELETE SET NULL,
    posted_at    BIGINT       NOT NULL,
    expires_at   BIGINT,
    highlight    BOOLEAN      NOT NULL DEFAULT FALSE,
    views        BIGINT       NOT NULL DEFAULT 0,
    screenshots  BIGINT       NOT NULL DEFAULT 0,
    replies      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX story_item_account ON story_item (account_id, story, posted_at);
CREATE INDEX story_item_expires ON story_item (expires_at);

-- One record per viewer and item, kept by a single upsert. Deleted with the item.
CREATE TABLE story_view (
    item_id          VARCHAR(26) NOT NULL REFERENCES story_item (id) ON DELETE CASCADE,
    viewer_id        VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    account_id       VARCHAR(26) NOT NULL,
    first_seen_at    BIGINT      NOT NULL,
    longest_watch_ms BIGINT      NOT NULL,
    completed        BOOLEAN     NOT NULL,
    age_band         VARCHAR(6),
    subscriber       BOOLEAN     NOT NULL,
    PRIMARY KEY (item_id, viewer_id)
);
CREATE INDEX story_view_viewer ON story_view (viewer_id);
CREATE INDEX story_view_account ON story_view (account_id, first_seen_at);

-- Aggregates of an item, frozen when the item is deleted: insights outlive the content,
-- with no media and no viewer identities.
CREATE TABLE story_stats (
    item_id            VARCHAR(26) PRIMARY KEY,
    account_id         VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    posted_at          BIGINT      NOT NULL,
    views              BIGINT      NOT NULL,
    unique_viewers     BIGINT      NOT NULL,
    completed_viewers  BIGINT      NOT NULL,
    watch_ms_total     BIGINT      NOT NULL,
    screenshots        BIGINT      NOT NULL,
    replies            BIGINT      NOT NULL,
    band_13_17         BIGINT      NOT NULL,
    band_18_24         BIGINT      NOT NULL,
    band_25_34         BIGINT      NOT NULL,
    band_35_plus       BIGINT      NOT NULL,
    subscriber_viewers BIGINT      NOT NULL
);
CREATE INDEX story_stats_account ON story_stats (account_id, posted_at);

-- Views per account and day (anonymous ones included), and distinct signed-in viewers per day.
CREATE TABLE story_daily (
    account_id     VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    day            INTEGER     NOT NULL,
    views          BIGINT      NOT NULL,
    unique_viewers BIGINT      NOT NULL,
    PRIMARY KEY (account_id, day)
);
-- Who viewed an account on a day: only so a second view that day is not counted twice.
-- Rows are deleted two days later; the counts stay in story_daily.
CREATE TABLE story_daily_viewer (
    account_id VARCHAR(26) NOT NULL,
    day        INTEGER     NOT NULL,
    viewer_id  VARCHAR(26) NOT NULL,
    PRIMARY KEY (account_id, day, viewer_id)
);

-- Subscriber history for gains and losses; no subscriber identity is kept.
CREATE TABLE subscription_event (
    account_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    at         BIGINT      NOT NULL,
    delta      INTEGER     NOT NULL
);
CREATE INDEX subscription_event_account ON subscription_event (account_id, at);

CREATE TABLE team_member (
    account_id VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    member_id  VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       VARCHAR(20) NOT NULL,
    granted_at BIGINT      NOT NULL,
    PRIMARY KEY (account_id, member_id)
);
CREATE INDEX team_member_member ON team_member (member_id);

-- Who did what for an official account.
CREATE TABLE account_audit (
    id         VARCHAR(26)  PRIMARY KEY,
    account_id VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    actor_id   VARCHAR(26),
    actor_name VARCHAR(30)  NOT NULL,
    action     VARCHAR(40)  NOT NULL,
    target     VARCHAR(100),
    at         BIGINT       NOT NULL
);
CREATE INDEX account_audit_account ON account_audit (account_id, at);

CREATE TABLE community_submission (
    id           VARCHAR(26)  PRIMARY KEY,
    account_id   VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    submitter_id VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    media_id     VARCHAR(26)  REFERENCES media (id) ON DELETE SET NULL,
    caption      VARCHAR(1000),
    anonymous    BOOLEAN      NOT NULL,
    status       VARCHAR(10)  NOT NULL,
    submitted_at BIGINT       NOT NULL,
    decided_at   BIGINT,
    decided_by   VARCHAR(26),
    item_id      VARCHAR(26)
);
CREATE INDEX community_submission_account ON community_submission (account_id, status, submitted_at);

CREATE TABLE geofilter (
    id         VARCHAR(26)  PRIMARY KEY,
    account_id VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    media_id   VARCHAR(26)  NOT NULL REFERENCES media (id) ON DELETE CASCADE,
    name       VARCHAR(80)  NOT NULL,
    area       VARCHAR(60000) NOT NULL,
    min_lat    DOUBLE PRECISION NOT NULL,
    max_lat    DOUBLE PRECISION NOT NULL,
    min_lon    DOUBLE PRECISION NOT NULL,
    max_lon    DOUBLE PRECISION NOT NULL,
    starts_at  BIGINT       NOT NULL,
    ends_at    BIGINT       NOT NULL,
    status     VARCHAR(10)  NOT NULL,
    uses       BIGINT       NOT NULL DEFAULT 0,
    created_at BIGINT       NOT NULL
);
CREATE INDEX geofilter_window ON geofilter (status, ends_at);

CREATE TABLE report (
    id          VARCHAR(26)  PRIMARY KEY,
    reporter_id VARCHAR(26)  REFERENCES account (id) ON DELETE SET NULL,
    account_id  VARCHAR(26),
    story_id    VARCHAR(26),
    snap_id     VARCHAR(26),
    reason      VARCHAR(1000) NOT NULL,
    status      VARCHAR(10)  NOT NULL,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX report_status ON report (status, created_at);
