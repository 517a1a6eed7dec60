-- Profile pictures: one per account, a media row (attached to 'avatar', never expiring) holding
-- the square 512 px picture and its 320 px thumbnail. No foreign key to media: the media row is
-- deleted with the account's media, and reads join on a live media row.
CREATE TABLE avatar (
    account_id VARCHAR(26) PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    media_id   VARCHAR(26) NOT NULL,
    updated_at BIGINT      NOT NULL
);
