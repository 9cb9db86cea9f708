-- Who does what by when (issue #46): each incident, case, action, consultation and mediation has
-- one assignee or none (`assignees`), every change of it is kept (`assignments`: the timeline's
-- assignments and the workload's history), and staff's internal notes (`notes`) are appended,
-- never changed: a correction is a new note naming the one it corrects.
CREATE TABLE assignees (
    record_kind   TEXT NOT NULL CHECK (record_kind IN ('incident', 'case', 'action', 'consultation', 'mediation')),
    record_id     BIGINT NOT NULL,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    assigned_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (record_kind, record_id)
);
CREATE INDEX assignees_user ON assignees (user_id, record_kind, record_id);

CREATE TABLE assignments (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind          TEXT NOT NULL CHECK (record_kind IN ('incident', 'case', 'action', 'consultation', 'mediation')),
    record_id            BIGINT NOT NULL,
    user_id              INTEGER REFERENCES users (id),
    previous_user_id     INTEGER REFERENCES users (id),
    assigned_by_user_id  INTEGER REFERENCES users (id),
    assigned_at          TIMESTAMP NOT NULL
);
CREATE INDEX assignments_record ON assignments (record_kind, record_id, id);

CREATE TABLE notes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    record_kind     TEXT NOT NULL CHECK (record_kind IN ('incident', 'case', 'action', 'consultation', 'mediation')),
    record_id       BIGINT NOT NULL,
    body            TEXT NOT NULL,
    corrects_id     INTEGER REFERENCES notes (id),
    author_user_id  INTEGER REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL
);
CREATE INDEX notes_record ON notes (record_kind, record_id, id);
