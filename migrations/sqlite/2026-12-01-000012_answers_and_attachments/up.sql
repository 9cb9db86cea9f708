-- Answers to report collections (報告徴収への回答) and attachments. An action keeps the date of
-- its first answer (answered_on: the earliest submitted_on), written with the answer in one
-- transaction, so "overdue" stays a condition on the actions row. Attachments belong to exactly
-- one report, answer or case, and their bytes live in the database in chunks, so that one backup
-- holds everything and any number of instances serve them. Nothing is ever deleted.
-- Kept in step with the other backend's migration of the same name.
ALTER TABLE actions ADD COLUMN answered_on DATE;

CREATE TABLE responses (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    action_id             INTEGER NOT NULL REFERENCES actions (id),
    body                  TEXT NOT NULL,
    submitted_on          DATE NOT NULL,
    -- submitted_on > the action's due_on when filed; fixed then.
    late                  BOOLEAN NOT NULL,
    submitted_by_user_id  INTEGER REFERENCES users (id),
    created_at            TIMESTAMP NOT NULL
);
CREATE INDEX responses_action ON responses (action_id, id);

CREATE TABLE attachments (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    report_id           INTEGER REFERENCES reports (id),
    response_id         INTEGER REFERENCES responses (id),
    case_id             INTEGER REFERENCES cases (id),
    -- The name as uploaded (its last path component); never used as a path.
    filename            TEXT NOT NULL,
    -- Judged from the content, never from the name or the client's Content-Type.
    content_type        TEXT NOT NULL,
    -- Text's encoding as judged: 'utf-8' or 'Shift_JIS'; NULL for other types.
    charset             TEXT CHECK (charset IN ('utf-8', 'Shift_JIS')),
    size                BIGINT NOT NULL CHECK (size > 0),
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL,
    CHECK ((report_id IS NOT NULL) + (response_id IS NOT NULL) + (case_id IS NOT NULL) = 1)
);
CREATE INDEX attachments_report ON attachments (report_id, id) WHERE report_id IS NOT NULL;
CREATE INDEX attachments_response ON attachments (response_id, id) WHERE response_id IS NOT NULL;
CREATE INDEX attachments_case ON attachments (case_id, id) WHERE case_id IS NOT NULL;

CREATE TABLE attachment_chunks (
    attachment_id  INTEGER NOT NULL REFERENCES attachments (id),
    seq            INTEGER NOT NULL CHECK (seq >= 0),
    data           BLOB NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
