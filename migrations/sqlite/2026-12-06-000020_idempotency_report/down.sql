ALTER TABLE idempotency_keys DROP COLUMN report_id;
