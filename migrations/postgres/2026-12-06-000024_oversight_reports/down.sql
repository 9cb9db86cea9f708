DELETE FROM attachment_chunks WHERE attachment_id IN
    (SELECT id FROM attachments WHERE pia_evaluation_id IS NOT NULL OR agenda_item_id IS NOT NULL);
DELETE FROM attachments WHERE pia_evaluation_id IS NOT NULL OR agenda_item_id IS NOT NULL;
DROP INDEX attachments_pia;
DROP INDEX attachments_agenda_item;
ALTER TABLE attachments DROP CONSTRAINT attachments_check;
ALTER TABLE attachments DROP COLUMN pia_evaluation_id;
ALTER TABLE attachments DROP COLUMN agenda_item_id;
ALTER TABLE attachments ADD CONSTRAINT attachments_check
    CHECK (num_nonnulls(report_id, response_id, case_id, guideline_id) = 1);
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
