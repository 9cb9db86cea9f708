DELETE FROM attachment_chunks WHERE attachment_id IN
    (SELECT id FROM attachments WHERE guideline_id IS NOT NULL);
DELETE FROM attachments WHERE guideline_id IS NOT NULL;
DROP INDEX attachments_guideline;
ALTER TABLE attachments DROP CONSTRAINT attachments_check;
ALTER TABLE attachments DROP COLUMN guideline_id;
ALTER TABLE attachments ADD CONSTRAINT attachments_check
    CHECK (num_nonnulls(report_id, response_id, case_id) = 1);
DROP TABLE body_guidelines;
