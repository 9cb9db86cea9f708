DELETE FROM pending_imports WHERE records IN ('periodic-reports', 'pia-evaluations');
ALTER TABLE pending_imports DROP CONSTRAINT pending_imports_records_check;
ALTER TABLE pending_imports ADD CONSTRAINT pending_imports_records_check
    CHECK (records IN ('reports', 'consultations', 'actions', 'organizations', 'optout-notifications', 'accredited-bodies', 'anonymised-publications', 'events'));
DROP TABLE oversight_reviews;
DROP TABLE oversight_versions;
DROP TABLE pia_remarks;
DROP TABLE pia_evaluations;
DROP TABLE agenda_items;
DROP TABLE periodic_reports;
DROP TABLE periodic_questionnaires;
