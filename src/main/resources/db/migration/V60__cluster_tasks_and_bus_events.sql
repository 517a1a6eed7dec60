-- Background work once per cluster: when each sweep task last finished, on any node.
CREATE TABLE cluster_task (
    name        VARCHAR(60) PRIMARY KEY,
    finished_at BIGINT      NOT NULL
);

-- Events between nodes (PostgreSQL): kept a minute so a node whose LISTEN connection dropped
-- reads what it missed. Unused on SQLite (one node, events are method calls).
CREATE TABLE bus_event (
    id      VARCHAR(26) PRIMARY KEY,
    at      BIGINT      NOT NULL,
    payload TEXT        NOT NULL
);
CREATE INDEX bus_event_at ON bus_event (at);
