-- Issue #43: the Commission's public registers. Opt-out notifications (オプトアウト届出) keep
-- their current content on the row, every version whole in optout_versions and every review in
-- optout_reviews, as reports do; `published` is the content of the last accepted version, what
-- the public register shows. A notification is in force from `accepted_on` (its first acceptance)
-- until `withdrawn_on` (its withdrawal's effective day). Accredited bodies and the publications of
-- anonymised information are rows of their own. Kept in step with the other backend's migration
-- of the same name.
CREATE TABLE optout_notifications (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id          INTEGER NOT NULL REFERENCES organizations (id),
    provider_name            TEXT NOT NULL,
    provider_address         TEXT NOT NULL,
    representative           TEXT NOT NULL,
    purpose                  TEXT NOT NULL,
    -- JSON array of the items of personal data provided.
    data_items               TEXT NOT NULL,
    obtained_how             TEXT,
    provided_how             TEXT NOT NULL,
    request_method           TEXT NOT NULL,
    update_method            TEXT,
    start_on                 DATE,
    -- The day the notification was first submitted (届出日).
    notified_on              DATE NOT NULL,
    -- The filing the current version belongs to, and the day it was submitted.
    filing                   TEXT NOT NULL CHECK (filing IN ('notification', 'change')),
    filed_on                 DATE NOT NULL,
    -- A change's day of effect (変更届).
    change_effective_on      DATE,
    version                  INTEGER NOT NULL CHECK (version >= 1),
    review_status            TEXT NOT NULL
        CHECK (review_status IN ('received', 'accepted', 'revision_requested')),
    accepted_on              DATE,
    withdrawn_on             DATE,
    withdrawal_submitted_on  DATE,
    -- JSON: the content of the last accepted version.
    published                TEXT,
    published_version        INTEGER,
    filed_by_user_id         INTEGER REFERENCES users (id),
    created_at               TIMESTAMP NOT NULL,
    updated_at               TIMESTAMP NOT NULL
);
CREATE INDEX optout_notifications_organization ON optout_notifications (organization_id, id);
CREATE INDEX optout_notifications_in_force ON optout_notifications (accepted_on, withdrawn_on);

CREATE TABLE optout_versions (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id   INTEGER NOT NULL REFERENCES optout_notifications (id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    filing            TEXT NOT NULL CHECK (filing IN ('notification', 'amendment', 'change')),
    -- JSON array of the names of the fields that changed from the version before.
    changed           TEXT NOT NULL,
    reason            TEXT,
    submitted_on      DATE NOT NULL,
    effective_on      DATE,
    -- JSON: the notification's content in this version.
    content           TEXT NOT NULL,
    filed_by_user_id  INTEGER REFERENCES users (id),
    created_at        TIMESTAMP NOT NULL,
    UNIQUE (notification_id, version)
);

CREATE TABLE optout_reviews (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id   INTEGER NOT NULL REFERENCES optout_notifications (id),
    version           INTEGER NOT NULL CHECK (version >= 1),
    decision          TEXT NOT NULL CHECK (decision IN ('accepted', 'revision_requested')),
    comment           TEXT,
    due_on            DATE,
    decided_on        DATE NOT NULL,
    reviewer_user_id  INTEGER REFERENCES users (id),
    created_at        TIMESTAMP NOT NULL
);
CREATE INDEX optout_reviews_notification ON optout_reviews (notification_id, id);

CREATE TABLE accredited_bodies (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL,
    corporate_number   TEXT,
    accredited_on      DATE NOT NULL,
    -- The sector of its member businesses (対象事業者の業種), and the scope of its work.
    sector             TEXT NOT NULL,
    scope              TEXT NOT NULL,
    revoked_on         DATE,
    revocation_reason  TEXT,
    created_at         TIMESTAMP NOT NULL,
    updated_at         TIMESTAMP NOT NULL,
    CHECK ((revoked_on IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX accredited_bodies_in_force ON accredited_bodies (accredited_on, revoked_on);

CREATE TABLE anonymised_publications (
    id                         INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id            INTEGER NOT NULL REFERENCES organizations (id),
    published_on               DATE NOT NULL,
    -- Where it was published (a web page's address, a notice board).
    location                   TEXT NOT NULL,
    -- JSON array of the items the anonymised information contains.
    data_items                 TEXT NOT NULL,
    provided_to_third_parties  BOOLEAN NOT NULL,
    created_by_user_id         INTEGER REFERENCES users (id),
    created_at                 TIMESTAMP NOT NULL
);
CREATE INDEX anonymised_publications_organization
    ON anonymised_publications (organization_id, published_on);
CREATE INDEX anonymised_publications_published ON anonymised_publications (published_on);

-- The imports page holds files of the registers too: pending_imports' kinds, widened (SQLite
-- changes a CHECK by building the table again).
CREATE TABLE pending_imports_widened (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    records     TEXT NOT NULL CHECK (records IN ('reports', 'consultations', 'actions', 'organizations', 'optout-notifications', 'accredited-bodies', 'anonymised-publications')),
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

-- A campaign asking every notifier in the register to confirm its notification (実態調査), with
-- each notifier's answer. Not a report collection: it counts in no supervision figure.
CREATE TABLE optout_campaigns (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    title               TEXT NOT NULL,
    started_on          DATE NOT NULL,
    due_on              DATE,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL
);

CREATE TABLE optout_confirmations (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id          INTEGER NOT NULL REFERENCES optout_campaigns (id),
    notification_id      INTEGER NOT NULL REFERENCES optout_notifications (id),
    organization_id      INTEGER NOT NULL REFERENCES organizations (id),
    -- NULL until the notifier answers.
    outcome              TEXT CHECK (outcome IN ('confirmed', 'refiled', 'withdrawn')),
    answered_on          DATE,
    note                 TEXT,
    answered_by_user_id  INTEGER REFERENCES users (id),
    created_at           TIMESTAMP NOT NULL,
    updated_at           TIMESTAMP NOT NULL,
    CHECK ((outcome IS NULL) = (answered_on IS NULL)),
    UNIQUE (campaign_id, notification_id)
);
CREATE INDEX optout_confirmations_notification ON optout_confirmations (notification_id, id);
