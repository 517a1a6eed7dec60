-- Failed sign-ins inside the limiter's window, per account name ('u:name') and per client
-- address ('a:address'): in the database so that every node counts the same attempts.
CREATE TABLE login_failure (
    subject VARCHAR(200) NOT NULL,
    at      BIGINT       NOT NULL
);
CREATE INDEX login_failure_subject ON login_failure (subject, at);
CREATE INDEX login_failure_at ON login_failure (at);
