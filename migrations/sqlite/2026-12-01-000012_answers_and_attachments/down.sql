DROP TABLE attachment_chunks;
DROP TABLE attachments;
DROP TABLE responses;
ALTER TABLE actions DROP COLUMN answered_on;
