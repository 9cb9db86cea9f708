-- The guidelines of accredited bodies (個人情報保護指針, 法第54条): each a version of the body's
-- guideline with its publication day, its file kept by the file store as an attachment of the
-- guideline.
CREATE TABLE body_guidelines (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    body_id             INTEGER NOT NULL REFERENCES accredited_bodies (id),
    -- The body's name for the version (第2版, 2024年改訂), unique among its guidelines.
    version             TEXT NOT NULL,
    title               TEXT,
    published_on        DATE NOT NULL,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    UNIQUE (body_id, version)
);
CREATE INDEX body_guidelines_body ON body_guidelines (body_id, published_on, id);

-- SQLite changes a CHECK by building the table again. attachment_chunks refers to attachments,
-- and foreign keys are on inside this transaction: the check is deferred to the commit, the rows
-- are kept aside while the table is dropped and built again, and written back under their ids —
-- each written row answers its chunks again, so the commit finds every chunk's file. The
-- AUTOINCREMENT counter is kept too: an id is never given twice.
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
CREATE INDEX attachments_guideline ON attachments (guideline_id, id) WHERE guideline_id IS NOT NULL;
