-- Where subscriptions come from (issue 14): one counter per account, UTC day, source and campaign tag.
-- Nothing about the subscriber is kept, only how many came that way that day.
CREATE TABLE subscription_source (
    account_id    VARCHAR(26) NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    day           BIGINT      NOT NULL,
    source        VARCHAR(16) NOT NULL,
    campaign      VARCHAR(64) NOT NULL,
    subscriptions BIGINT      NOT NULL,
    PRIMARY KEY (account_id, day, source, campaign)
);
