-- The delivery worker looks for unsent messages in id order. Indexed by status and due time,
-- it walked every message ever sent to find them; sent messages stay (their dedupe keys keep
-- notices from repeating), so that walk grew without end. This index holds only the unsent.
-- Kept in step with the other backend's migration of the same name.
DROP INDEX outbox_due;
CREATE INDEX outbox_unsent ON outbox (id) WHERE status <> 'sent';
