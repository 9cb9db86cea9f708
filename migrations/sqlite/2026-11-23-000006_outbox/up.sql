-- The e-mail outbox: every message is written in the same transaction as the change that
-- causes it, then delivered (and retried) by the worker inside `leakdesk serve`.
-- Kept in step with the other backend's migration of the same name.

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    -- receipt | staff_alert | reminder | overdue | report_collection
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- What the message is about.
    entity_type      TEXT NOT NULL,
    entity_id        INTEGER NOT NULL,
    -- Makes the periodic deadline scan idempotent: one reminder per incident and due date.
    dedupe_key       TEXT UNIQUE,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP NOT NULL,
    claimed_at       TIMESTAMP,
    sent_at          TIMESTAMP,
    last_error       TEXT,
    created_at       TIMESTAMP NOT NULL
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
