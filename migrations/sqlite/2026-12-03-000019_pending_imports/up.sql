-- Issue #25: a file a member of staff uploaded on the imports page and previewed (a dry run
-- that refused no row), kept until it is imported, at most a day. The page's second step names
-- it by id; it is taken (deleted) before its import runs, so a file is imported once. Kept in
-- the database, not in one instance's memory or disk, so that any instance takes the second
-- step. Kept in step with the other backend's migration of the same name.
CREATE TABLE pending_imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    records     TEXT NOT NULL CHECK (records IN ('reports', 'consultations', 'actions', 'organizations')),
    filename    TEXT NOT NULL,
    encoding    TEXT CHECK (encoding IN ('utf-8', 'shift_jis')),
    sheet       TEXT,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    data        BLOB NOT NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX pending_imports_created ON pending_imports (created_at);
