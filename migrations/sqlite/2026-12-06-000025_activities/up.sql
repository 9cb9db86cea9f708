-- The Commission's other activities the half-year report counts (seed 001): consultations with
-- ministries under other laws (協議, 13), certifications (認定, 1), opinions given (意見), hearings
-- (ヒアリング: 1 body and 13 persons) and public comment rounds — each a record with its day and
-- counterpart, not a number typed in.
CREATE TABLE activities (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    kind                TEXT NOT NULL CHECK (kind IN ('other_law_consultation', 'certification', 'opinion', 'hearing', 'public_comment')),
    on_date             DATE NOT NULL,
    counterpart         TEXT NOT NULL,
    law                 TEXT,
    subject             TEXT NOT NULL,
    bodies              INTEGER CHECK (bodies >= 0),
    persons             INTEGER CHECK (persons >= 0),
    outcome             TEXT,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX activities_on ON activities (on_date, id);
