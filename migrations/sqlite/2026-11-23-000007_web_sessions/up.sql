-- Web sessions are credentials like API tokens, told apart by kind: revoking a user's tokens
-- (`leakdesk token revoke`) also ends the user's sessions, and the API refuses a session cookie's
-- token as a bearer token.
ALTER TABLE api_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'session'));

-- Every web login attempt, for the rate limit. Kept in the database, not in a process, so that
-- several instances share one count.
CREATE TABLE login_attempts (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    email        TEXT NOT NULL,
    client       TEXT NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    succeeded    BOOLEAN NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_client ON login_attempts (client, attempted_at);
