-- Supervision: cases (事案) grouping entities in roles and incidents, numbered Commission
-- meetings, and supervisory actions. Kept in step with the other backend's migration.

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    title            TEXT NOT NULL,
    summary          TEXT,
    -- 発生期間
    occurred_from    DATE,
    occurred_to      DATE,
    status           TEXT NOT NULL CHECK (status IN ('open', 'investigating', 'closed')),
    -- The date the picture is "as of" (…時点で当委員会が把握している内容).
    as_of            DATE,
    published        BOOLEAN NOT NULL,
    -- 問題の所在
    problem          TEXT,
    -- 対応方針
    response_policy  TEXT,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE case_entities (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    organization_id  INTEGER NOT NULL REFERENCES organizations (id),
    role             TEXT NOT NULL CHECK (role IN ('originator', 'contractor', 'ministry_in_charge',
                                                   'implementing_agency', 'other')),
    -- 着眼点: the Commission's focus points for this entity.
    focus_points     TEXT,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (case_id, organization_id)
);

CREATE TABLE case_incidents (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id          INTEGER NOT NULL REFERENCES cases (id),
    incident_id      INTEGER NOT NULL REFERENCES incidents (id),
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (case_id, incident_id)
);
CREATE INDEX case_incidents_incident ON case_incidents (incident_id);

CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 第244回 → 244
    number           INTEGER NOT NULL UNIQUE CHECK (number > 0),
    held_on          DATE NOT NULL,
    created_at       TIMESTAMP NOT NULL
);

CREATE TABLE actions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    kind               TEXT NOT NULL CHECK (kind IN ('report_collection', 'onsite_inspection', 'guidance',
                                                     'recommendation', 'order', 'emergency_order', 'publication')),
    regime             TEXT NOT NULL CHECK (regime IN ('appi', 'appi_public', 'my_number')),
    organization_id    INTEGER NOT NULL REFERENCES organizations (id),
    case_id            INTEGER REFERENCES cases (id),
    incident_id        INTEGER REFERENCES incidents (id),
    started_on         DATE NOT NULL,
    ended_on           DATE,
    due_on             DATE,
    performed_by       TEXT NOT NULL CHECK (performed_by IN ('commission', 'delegated_minister')),
    meeting_id         INTEGER REFERENCES meetings (id),
    published          BOOLEAN NOT NULL,
    complied           BOOLEAN,
    imminent_harm      BOOLEAN NOT NULL,
    -- The unheeded recommendation an order rests on.
    recommendation_id  INTEGER REFERENCES actions (id),
    notes              TEXT,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX actions_organization ON actions (organization_id, kind);
CREATE INDEX actions_counting ON actions (kind, regime, started_on);
CREATE INDEX actions_case ON actions (case_id);
CREATE INDEX actions_open_collections ON actions (due_on)
    WHERE kind = 'report_collection' AND ended_on IS NULL;
