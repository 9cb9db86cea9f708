-- Accounts a regulator can trust: a second factor (TOTP, RFC 6238) and recovery codes.
-- totp_secret is the base32 secret, written when enrolment starts and shown then only; it is
-- never audited. totp_enabled_at is set once a first code confirms it. totp_last_step is the
-- last 30-second step a code was accepted for: a code is taken once (a replay is refused).
-- Kept in step with the other backend's migration of the same name.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_enabled_at TIMESTAMP;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;

-- Ten one-time codes, shown once at confirmation; only their hashes are kept.
CREATE TABLE recovery_codes (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    code_hash   TEXT NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- The second step of a web login: after the password, a short-lived challenge (its token in a
-- cookie, stored as its hash like a session's) that a code turns into a session. Rows, not
-- memory, so any instance can take the second step.
CREATE TABLE login_challenges (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id),
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP
);
