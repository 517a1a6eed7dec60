-- Abuse limits shared by every node on this database: the hits of one limit ('lookup',
-- 'signup', ...) by one subject ('a:<address>' or 'u:<account id>') in the window ending at
-- `ends_at`. Nodes add their hits in small batches; rows are swept once their window is over.
CREATE TABLE rate_count (
    name    VARCHAR(40)  NOT NULL,
    subject VARCHAR(200) NOT NULL,
    ends_at BIGINT       NOT NULL,
    hits    BIGINT       NOT NULL,
    PRIMARY KEY (name, subject, ends_at)
);
CREATE INDEX rate_count_ends ON rate_count (ends_at);
