-- Issue #42: a filing's answer names the report it filed as a column, so a retry's stored answer
-- is replayed with its report's id as a value, not read back out of the JSON it answered. The
-- keys stored before are filled in from their answers once, here. Kept in step with the other
-- backend's migration of the same name.
ALTER TABLE idempotency_keys ADD COLUMN report_id BIGINT REFERENCES reports (id);
UPDATE idempotency_keys SET report_id = (response::json ->> 'id')::BIGINT
    WHERE response::json ->> 'id' IS NOT NULL;
