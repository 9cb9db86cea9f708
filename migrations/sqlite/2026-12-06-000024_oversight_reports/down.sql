DELETE FROM attachment_chunks WHERE attachment_id IN
    (SELECT id FROM attachments WHERE pia_evaluation_id IS NOT NULL OR agenda_item_id IS NOT NULL);
DELETE FROM attachments WHERE pia_evaluation_id IS NOT NULL OR agenda_item_id IS NOT NULL;
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
    guideline_id        INTEGER REFERENCES body_guidelines (id),
    CHECK ((report_id IS NOT NULL) + (response_id IS NOT NULL) + (case_id IS NOT NULL)
           + (guideline_id IS NOT NULL) = 1)
);
INSERT INTO attachments (id, report_id, response_id, case_id, filename, content_type, charset,
                         size, sha256, created_by_user_id, created_at, guideline_id)
    SELECT id, report_id, response_id, case_id, filename, content_type, charset, size, sha256,
           created_by_user_id, created_at, guideline_id
    FROM attachments_kept ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'attachments';
INSERT INTO sqlite_sequence (name, seq) SELECT 'attachments', seq FROM attachments_sequence;
DROP TABLE attachments_kept;
DROP TABLE attachments_sequence;
CREATE INDEX attachments_report ON attachments (report_id, id) WHERE report_id IS NOT NULL;
CREATE INDEX attachments_response ON attachments (response_id, id) WHERE response_id IS NOT NULL;
CREATE INDEX attachments_case ON attachments (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX attachments_guideline ON attachments (guideline_id, id) WHERE guideline_id IS NOT NULL;
CREATE TABLE pending_imports_narrowed (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    records     TEXT NOT NULL CHECK (records IN ('reports', 'consultations', 'actions', 'organizations', 'optout-notifications', 'accredited-bodies', 'anonymised-publications', 'events')),
    filename    TEXT NOT NULL,
    encoding    TEXT CHECK (encoding IN ('utf-8', 'shift_jis')),
    sheet       TEXT,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    data        BLOB NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
INSERT INTO pending_imports_narrowed SELECT * FROM pending_imports
    WHERE records NOT IN ('periodic-reports', 'pia-evaluations');
DROP TABLE pending_imports;
ALTER TABLE pending_imports_narrowed RENAME TO pending_imports;
CREATE INDEX pending_imports_created ON pending_imports (created_at);
DROP TABLE oversight_reviews;
DROP TABLE oversight_versions;
DROP TABLE pia_remarks;
DROP TABLE pia_evaluations;
DROP TABLE agenda_items;
DROP TABLE periodic_reports;
DROP TABLE periodic_questionnaires;
