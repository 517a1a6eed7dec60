-- Chat between friends, and an official account's inbox (replies to its stories).
-- `expires_at`: unread = sent + 30 days; read = read + 24 h; NULL while either side saves it.
CREATE TABLE chat_message (
    id                 VARCHAR(26)   PRIMARY KEY,
    sender_id          VARCHAR(26)   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    recipient_id       VARCHAR(26)   NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    -- The manager who wrote as an official account, when one did.
    written_by         VARCHAR(26)   REFERENCES account (id) ON DELETE SET NULL,
    text               VARCHAR(8000) NOT NULL,
    story_item_id      VARCHAR(26),
    sent_at            BIGINT        NOT NULL,
    read_at            BIGINT,
    saved_by_sender    BOOLEAN       NOT NULL DEFAULT FALSE,
    saved_by_recipient BOOLEAN       NOT NULL DEFAULT FALSE,
    expires_at         BIGINT
);
CREATE INDEX chat_message_pair ON chat_message (sender_id, recipient_id, sent_at);
CREATE INDEX chat_message_recipient ON chat_message (recipient_id, sent_at);
CREATE INDEX chat_message_expires ON chat_message (expires_at);
