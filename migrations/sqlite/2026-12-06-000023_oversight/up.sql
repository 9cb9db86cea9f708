-- My Number oversight: an on-site inspection's type (定期的な立入検査 / 総合的な立入検査 / レビュー
-- 検査), and the outreach events (講師派遣, seminars, 特定個人情報安全管理措置セミナー).
ALTER TABLE actions ADD COLUMN inspection_type TEXT
    CHECK (inspection_type IN ('regular', 'comprehensive', 'review'));
CREATE INDEX actions_inspections ON actions (started_on, inspection_type)
    WHERE kind = 'onsite_inspection' AND regime = 'my_number';

-- The yearly inspection plans (検査計画): what is to be inspected, by type and quarter. An
-- inspection names the plan it carries out (actions.plan_id).
CREATE TABLE inspection_plans (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    fiscal_year         INTEGER NOT NULL CHECK (fiscal_year BETWEEN 2014 AND 2200),
    title               TEXT NOT NULL,
    adopted_on          DATE NOT NULL,
    meeting_id          INTEGER REFERENCES meetings (id),
    -- The day the prefecture round the plan continues began (NULL: 1 April of its year).
    coverage_since      DATE,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    UNIQUE (fiscal_year, title)
);
CREATE TABLE inspection_plan_items (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id            INTEGER NOT NULL REFERENCES inspection_plans (id),
    position           INTEGER NOT NULL CHECK (position >= 1),
    organization_id    INTEGER REFERENCES organizations (id),
    organization_kind  TEXT CHECK (organization_kind IN ('business', 'national_agency', 'incorporated_agency', 'local_government')),
    inspection_type    TEXT NOT NULL CHECK (inspection_type IN ('regular', 'comprehensive', 'review')),
    quarter            INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    -- A body, a kind of body, or any body; not both.
    CHECK (organization_id IS NULL OR organization_kind IS NULL),
    UNIQUE (plan_id, position)
);
-- SQLite cannot drop a column that is a foreign key (this migration's revert would have to build
-- actions again, which answers, files and reads refer to): the plan is checked when the action is
-- recorded, and PostgreSQL keeps the foreign key.
ALTER TABLE actions ADD COLUMN plan_id INTEGER;

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
