DROP INDEX reports_revision_requested;
DROP TABLE report_reviews;
DROP TABLE report_versions;
ALTER TABLE reports DROP COLUMN review_status, DROP COLUMN version;
