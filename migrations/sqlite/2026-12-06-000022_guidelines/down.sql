DELETE FROM attachment_chunks WHERE attachment_id IN
    (SELECT id FROM attachments WHERE guideline_id IS NOT NULL);
DELETE FROM attachments WHERE guideline_id IS NOT NULL;
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE attachments_kept AS SELECT * FROM attachments;
CREATE TEMP TABLE attachments_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'attachments';
DROP TABLE attachments;
CREATE TABLE attachments (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id           INTEGER REFERENCES reports (id),
    response_id         INTEGER REFERENCES responses (id),
    case_id             INTEGER REFERENCES cases (id),
    filename            TEXT NOT NULL,
    content_type        TEXT NOT NULL,
    charset             TEXT CHECK (charset IN ('utf-8', 'Shift_JIS')),
    size                BIGINT NOT NULL CHECK (size > 0),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    CHECK ((report_id IS NOT NULL) + (response_id IS NOT NULL) + (case_id IS NOT NULL) = 1)
);
INSERT INTO attachments (id, report_id, response_id, case_id, filename, content_type, charset,
                         size, sha256, created_by_user_id, created_at)
    SELECT id, report_id, response_id, case_id, filename, content_type, charset, size, sha256,
           created_by_user_id, created_at
    FROM attachments_kept ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'attachments';
INSERT INTO sqlite_sequence (name, seq) SELECT 'attachments', seq FROM attachments_sequence;
DROP TABLE attachments_kept;
DROP TABLE attachments_sequence;
CREATE INDEX attachments_report ON attachments (report_id, id) WHERE report_id IS NOT NULL;
CREATE INDEX attachments_response ON attachments (response_id, id) WHERE response_id IS NOT NULL;
CREATE INDEX attachments_case ON attachments (case_id, id) WHERE case_id IS NOT NULL;
DROP TABLE body_guidelines;
