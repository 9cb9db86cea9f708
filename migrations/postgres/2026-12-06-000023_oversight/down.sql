DELETE FROM pending_imports WHERE records = 'events';
ALTER TABLE pending_imports DROP CONSTRAINT pending_imports_records_check;
ALTER TABLE pending_imports ADD CONSTRAINT pending_imports_records_check
    CHECK (records IN ('reports', 'consultations', 'actions', 'organizations', 'optout-notifications', 'accredited-bodies', 'anonymised-publications'));
DROP TABLE events;
ALTER TABLE actions DROP COLUMN plan_id;
DROP TABLE inspection_plan_items;
DROP TABLE inspection_plans;
DROP INDEX actions_inspections;
ALTER TABLE actions DROP COLUMN inspection_type;
