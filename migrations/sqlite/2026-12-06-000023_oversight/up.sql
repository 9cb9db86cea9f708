-- My Number oversight: an on-site inspection's type (定期的な立入検査 / 総合的な立入検査 / レビュー
-- 検査), and the outreach events (講師派遣, seminars, 特定個人情報安全管理措置セミナー).
ALTER TABLE actions ADD COLUMN inspection_type TEXT
    CHECK (inspection_type IN ('regular', 'comprehensive', 'review'));
CREATE INDEX actions_inspections ON actions (started_on, inspection_type)
    WHERE kind = 'onsite_inspection' AND regime = 'my_number';

CREATE TABLE events (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                TEXT NOT NULL CHECK (kind IN ('lecture', 'seminar', 'safety_seminar', 'other')),
    regime              TEXT NOT NULL CHECK (regime IN ('appi', 'appi_public', 'my_number')),
    held_on             DATE NOT NULL,
    title               TEXT NOT NULL,
    -- Where it was held (NULL: online or not recorded).
    prefecture          TEXT,
    audience            TEXT,
    -- How many bodies attended (a safety-measures seminar's 124機関), when counted.
    bodies              INTEGER CHECK (bodies >= 0),
    participants        INTEGER NOT NULL CHECK (participants >= 0),
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX events_held ON events (held_on, id);

-- The imports page holds files of events too: pending_imports' kinds, widened (SQLite changes a
-- CHECK by building the table again; nothing refers to it).
CREATE TABLE pending_imports_widened (
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
INSERT INTO pending_imports_widened SELECT * FROM pending_imports;
DROP TABLE pending_imports;
ALTER TABLE pending_imports_widened RENAME TO pending_imports;
CREATE INDEX pending_imports_created ON pending_imports (created_at);
