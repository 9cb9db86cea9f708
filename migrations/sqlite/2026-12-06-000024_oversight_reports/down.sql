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
