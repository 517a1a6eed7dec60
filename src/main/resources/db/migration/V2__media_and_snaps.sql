-- Uploaded media in its stored form. `expires_at` is the moment its bytes must be gone:
-- reads are filtered by it and the sweeper deletes row and blobs once it has passed.
-- NULL means no expiry (a highlight).
CREATE TABLE media (
    id                 VARCHAR(26)  PRIMARY KEY,
    owner_id           VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind               VARCHAR(10)  NOT NULL,
    content_type       VARCHAR(40)  NOT NULL,
    width              INTEGER      NOT NULL,
    height             INTEGER      NOT NULL,
    duration_ms        BIGINT,
    bytes              BIGINT       NOT NULL,
    blob_key           VARCHAR(60)  NOT NULL,
    thumb_key          VARCHAR(60)  NOT NULL,
    thumb_content_type VARCHAR(40)  NOT NULL,
    created_at         BIGINT       NOT NULL,
    attached_to        VARCHAR(20),
    expires_at         BIGINT
);
CREATE INDEX media_owner ON media (owner_id);
CREATE INDEX media_expires ON media (expires_at);

-- Secrets shared by every node (the media URL signing key), made once by whichever node starts first.
CREATE TABLE server_secret (
    name  VARCHAR(40)  PRIMARY KEY,
    value VARCHAR(200) NOT NULL
);

CREATE TABLE snap (
    id           VARCHAR(26)  PRIMARY KEY,
    sender_id    VARCHAR(26)  NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    media_id     VARCHAR(26)  REFERENCES media (id) ON DELETE SET NULL,
    kind         VARCHAR(10)  NOT NULL,
    view_seconds INTEGER      NOT NULL,
    caption      VARCHAR(1000),
    sent_at      BIGINT       NOT NULL,
    -- 30 days after sending (24 h when sent to several friends): everything about it is deleted.
    expires_at   BIGINT       NOT NULL
);
CREATE INDEX snap_sender ON snap (sender_id, sent_at);
CREATE INDEX snap_expires ON snap (expires_at);

CREATE TABLE snap_recipient (
    snap_id       VARCHAR(26) NOT NULL REFERENCES snap (id) ON DELETE CASCADE,
    recipient_id  VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    delivered_at  BIGINT      NOT NULL,
    opened_at     BIGINT,
    replayed_at   BIGINT,
    screenshot_at BIGINT,
    PRIMARY KEY (snap_id, recipient_id)
);
CREATE INDEX snap_recipient_recipient ON snap_recipient (recipient_id);
