-- Foundation: organizations (the reporting entities), users with roles, API tokens, and the
-- audit trail every mutation writes to. Kept in step with ../../postgres/<same name>/up.sql.
-- Types are those both backends share: integer ids, TEXT for enums, BOOLEAN, DATE, TIMESTAMP (UTC).

CREATE TABLE organizations (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL
                     CHECK (kind IN ('business', 'national_agency', 'incorporated_agency', 'local_government')),
    corporate_number TEXT UNIQUE,
    prefecture       TEXT,
    contact_email    TEXT,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    email           TEXT NOT NULL UNIQUE,
    role            TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'reporter')),
    organization_id INTEGER REFERENCES organizations (id),
    password_hash   TEXT,
    created_at      TIMESTAMP NOT NULL,
    disabled_at     TIMESTAMP,
    -- A reporter belongs to exactly one organization; staff and admins to none.
    CHECK ((role = 'reporter') = (organization_id IS NOT NULL))
);
CREATE INDEX users_organization_id ON users (organization_id);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    -- SHA-256 of the token, hex; the token itself is shown once and never stored.
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP,
    revoked_at  TIMESTAMP
);
CREATE INDEX api_tokens_user_id ON api_tokens (user_id);

CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at   TIMESTAMP NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    actor         TEXT NOT NULL,
    request_id    TEXT,
    action        TEXT NOT NULL,
    entity_type   TEXT NOT NULL,
    entity_id     INTEGER NOT NULL,
    -- JSON object describing what changed; never secrets.
    changes       TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
