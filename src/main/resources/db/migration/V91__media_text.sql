-- Accessible content (issue 14): the text alternative of a photo or video and a video's WebVTT
-- captions, beside its media row. ON DELETE CASCADE: they go in the statement that deletes the
-- media (an item's expiry, its early deletion, the account's deletion), never after it.
CREATE TABLE media_text (
    media_id VARCHAR(26) PRIMARY KEY REFERENCES media (id) ON DELETE CASCADE,
    alt      VARCHAR(1500),
    captions TEXT
);
