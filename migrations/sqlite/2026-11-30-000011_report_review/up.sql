-- Review and amendment of reports (審査・補正). A report keeps its id and reference through its
-- versions; the row holds the current version, and report_versions every version whole (the
-- first written when the report is first amended, from the row as it stood). Reviews are rows of
-- their own. Nothing here touches the incidents' counting date: statistics do not move.
-- Kept in step with the other backend's migration of the same name.
ALTER TABLE reports ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
ALTER TABLE reports ADD COLUMN review_status TEXT NOT NULL DEFAULT 'received'
    CHECK (review_status IN ('received', 'accepted', 'revision_requested'));

CREATE TABLE report_versions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id         INTEGER NOT NULL REFERENCES reports (id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    -- JSON array of the names of the fields that changed from the version before.
    changed           TEXT NOT NULL,
    reason            TEXT,
    filed_by_user_id  INTEGER REFERENCES users (id),
    -- JSON: the report as it stood in this version.
    report            TEXT NOT NULL,
    created_at        TIMESTAMP NOT NULL,
    UNIQUE (report_id, version)
);

CREATE TABLE report_reviews (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id         INTEGER NOT NULL REFERENCES reports (id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    decision          TEXT NOT NULL CHECK (decision IN ('accepted', 'revision_requested')),
    comment           TEXT,
    due_on            DATE,
    reviewer_user_id  INTEGER REFERENCES users (id),
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX report_reviews_report ON report_reviews (report_id, id);
-- The revision requests still open, for the reminder scan.
CREATE INDEX reports_revision_requested ON reports (id) WHERE review_status = 'revision_requested';
