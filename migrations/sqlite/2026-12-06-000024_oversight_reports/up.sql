-- My Number oversight, continued: the periodic reports (定期的な報告, 番号利用法第29条の3第2項)
-- against a yearly questionnaire; the assessments (特定個人情報保護評価書) with the Commission's
-- remarks, approval and publication; and each meeting's agenda.

-- A questionnaire per fiscal year reported on; its items [{code, text}] as JSON, in order.
CREATE TABLE periodic_questionnaires (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    fiscal_year         INTEGER NOT NULL UNIQUE CHECK (fiscal_year BETWEEN 2014 AND 2200),
    title               TEXT NOT NULL,
    due_on              DATE NOT NULL,
    items               TEXT NOT NULL,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL
);

-- One report per body and questionnaire; answers {code: yes|no|na} as JSON. A draft has no
-- submitted_on and no review status.
CREATE TABLE periodic_reports (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    questionnaire_id    INTEGER NOT NULL REFERENCES periodic_questionnaires (id),
    organization_id     INTEGER NOT NULL REFERENCES organizations (id),
    answers             TEXT NOT NULL,
    notes               TEXT,
    version             INTEGER NOT NULL CHECK (version >= 1),
    submitted_on        DATE,
    review_status       TEXT CHECK (review_status IN ('received', 'accepted', 'revision_requested')),
    accepted_on         DATE,
    filed_by_user_id    INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    CHECK ((submitted_on IS NULL) = (review_status IS NULL)),
    UNIQUE (questionnaire_id, organization_id)
);
CREATE INDEX periodic_reports_organization ON periodic_reports (organization_id, id);

-- The assessments (特定個人情報保護評価書): one task (事務) of a body, its files as a JSON list; a
-- newer assessment of the same body and task supersedes the last.
CREATE TABLE pia_evaluations (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id     INTEGER NOT NULL REFERENCES organizations (id),
    level               TEXT NOT NULL CHECK (level IN ('basic', 'focused', 'full')),
    task_name           TEXT NOT NULL,
    files               TEXT NOT NULL,
    submitted_on        DATE NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    review_status       TEXT NOT NULL CHECK (review_status IN ('received', 'accepted', 'revision_requested')),
    superseded_by_id    INTEGER REFERENCES pia_evaluations (id),
    approval_meeting_id INTEGER REFERENCES meetings (id),
    approval_item       INTEGER CHECK (approval_item >= 1),
    approved_on         DATE,
    published_on        DATE,
    filed_by_user_id    INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX pia_evaluations_task ON pia_evaluations (organization_id, task_name, id);
CREATE TABLE pia_remarks (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    evaluation_id       INTEGER NOT NULL REFERENCES pia_evaluations (id),
    text                TEXT NOT NULL,
    user_id             INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX pia_remarks_evaluation ON pia_remarks (evaluation_id, id);

-- The versions and reviews of both reviewed kinds, each whole version as JSON.
CREATE TABLE oversight_versions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind         TEXT NOT NULL CHECK (record_kind IN ('periodic_report', 'pia_evaluation')),
    record_id           INTEGER NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    content             TEXT NOT NULL,
    reason              TEXT,
    submitted_on        DATE,
    filed_by_user_id    INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    UNIQUE (record_kind, record_id, version)
);
CREATE TABLE oversight_reviews (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind         TEXT NOT NULL CHECK (record_kind IN ('periodic_report', 'pia_evaluation')),
    record_id           INTEGER NOT NULL,
    version             INTEGER NOT NULL CHECK (version >= 1),
    decision            TEXT NOT NULL CHECK (decision IN ('accepted', 'revision_requested')),
    comment             TEXT,
    due_on              DATE,
    decided_on          DATE NOT NULL,
    reviewer_user_id    INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX oversight_reviews_record ON oversight_reviews (record_kind, record_id, id);

-- A meeting's agenda, in order; the records an item concerns [{kind, id}] as JSON.
CREATE TABLE agenda_items (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id          INTEGER NOT NULL REFERENCES meetings (id),
    position            INTEGER NOT NULL CHECK (position >= 1),
    title               TEXT NOT NULL,
    kind                TEXT NOT NULL CHECK (kind IN ('decision', 'approval', 'report', 'hearing', 'other')),
    closed              BOOLEAN NOT NULL,
    decision            TEXT,
    records             TEXT NOT NULL,
    published_on        DATE,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX agenda_items_position ON agenda_items (meeting_id, position);

-- The imports page holds files of periodic reports and assessments too: pending_imports' kinds,
-- widened (SQLite changes a CHECK by building the table again; nothing refers to it).
CREATE TABLE pending_imports_widened (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    records     TEXT NOT NULL CHECK (records IN ('reports', 'consultations', 'actions', 'organizations', 'optout-notifications', 'accredited-bodies', 'anonymised-publications', 'events', 'periodic-reports', 'pia-evaluations')),
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

-- The agenda item an assessment was approved at, once the agenda holds it (by its number until
-- then): an agenda set again, its items reordered, keeps the link.
ALTER TABLE pia_evaluations ADD COLUMN approval_agenda_item_id INTEGER REFERENCES agenda_items (id) ON DELETE SET NULL;

-- An assessment's documents and an agenda item's materials are files of the file store: two more
-- owners of an attachment. SQLite changes a CHECK by building the table again (as the guidelines'
-- migration does: foreign keys deferred to the commit, rows and the id counter kept).
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
    pia_evaluation_id   INTEGER REFERENCES pia_evaluations (id),
    agenda_item_id      INTEGER REFERENCES agenda_items (id),
    CHECK ((report_id IS NOT NULL) + (response_id IS NOT NULL) + (case_id IS NOT NULL)
           + (guideline_id IS NOT NULL) + (pia_evaluation_id IS NOT NULL)
           + (agenda_item_id IS NOT NULL) = 1)
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
CREATE INDEX attachments_pia ON attachments (pia_evaluation_id, id) WHERE pia_evaluation_id IS NOT NULL;
CREATE INDEX attachments_agenda_item ON attachments (agenda_item_id, id) WHERE agenda_item_id IS NOT NULL;
