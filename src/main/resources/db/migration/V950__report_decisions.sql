-- Issue 14: admins decide reports from the web client. A report is open, resolved (acted on) or
-- dismissed (nothing to do); who decided and when is kept with it. `decided_by` is the admin's
-- username, not a reference: the decision stays readable after that account is deleted (as the
-- team audit trail keeps actor names). NULL with a decision: decided from the command line.
ALTER TABLE report ADD COLUMN decided_by VARCHAR(30);
ALTER TABLE report ADD COLUMN decided_at BIGINT;
-- `pastel admin reports --close` used to write 'closed': that is what "resolved" now means.
UPDATE report SET status = 'resolved' WHERE status = 'closed';
