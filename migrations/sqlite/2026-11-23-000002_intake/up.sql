-- Leak-report intake: incidents (one chain: a preliminary report and the final report that
-- completes it, or a final report alone), their reports, and idempotency keys of submissions.
-- Kept in step with the other backend's migration of the same name.

CREATE TABLE incidents (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id     INTEGER NOT NULL REFERENCES organizations (id),
    regime              TEXT NOT NULL CHECK (regime IN ('appi', 'appi_public', 'my_number')),
    -- The counting date: an incident counts once, in the period its first report was received.
    first_received_on   DATE NOT NULL,
    received_via        TEXT NOT NULL CHECK (received_via IN ('direct', 'delegated')),
    aware_on            DATE NOT NULL,
    -- What the law makes of the latest report's facts, and staff's override of it.
    computed_mandatory  BOOLEAN NOT NULL,
    override_mandatory  BOOLEAN,
    override_reason     TEXT,
    -- The effective classification (the override where there is one), kept for SQL filters.
    mandatory           BOOLEAN NOT NULL,
    serious             BOOLEAN NOT NULL,
    grounds             TEXT NOT NULL,
    preliminary_due_on  DATE NOT NULL,
    final_due_on        DATE NOT NULL,
    final_report_id     INTEGER,
    final_received_on   DATE,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX incidents_organization ON incidents (organization_id, id);
CREATE INDEX incidents_counting ON incidents (regime, first_received_on);
CREATE INDEX incidents_awaiting_final ON incidents (final_due_on) WHERE final_report_id IS NULL;

CREATE TABLE reports (
    id                          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id                 INTEGER NOT NULL REFERENCES incidents (id),
    organization_id             INTEGER NOT NULL REFERENCES organizations (id),
    regime                      TEXT NOT NULL CHECK (regime IN ('appi', 'appi_public', 'my_number')),
    stage                       TEXT NOT NULL CHECK (stage IN ('preliminary', 'final')),
    preliminary_report_id       INTEGER REFERENCES reports (id),
    aware_on                    DATE NOT NULL,
    occurred_on                 DATE,
    received_on                 DATE NOT NULL,
    summary                     TEXT NOT NULL,
    -- JSON array of strings (項目).
    data_items                  TEXT NOT NULL,
    persons_affected            INTEGER NOT NULL CHECK (persons_affected >= 0),
    persons_estimated           BOOLEAN NOT NULL,
    cause                       TEXT NOT NULL,
    sensitive_data              BOOLEAN NOT NULL,
    financial_damage_risk       BOOLEAN NOT NULL,
    unlawful_purpose            BOOLEAN NOT NULL,
    ordinance_sensitive         BOOLEAN NOT NULL,
    network_system              BOOLEAN NOT NULL,
    publicly_viewable           BOOLEAN NOT NULL,
    strongly_encrypted          BOOLEAN NOT NULL,
    secondary_damage            TEXT,
    response_to_individuals     TEXT,
    publication                 TEXT,
    prevention_measures         TEXT,
    notes                       TEXT,
    contractor_organization_id  INTEGER REFERENCES organizations (id),
    received_via                TEXT NOT NULL CHECK (received_via IN ('direct', 'delegated')),
    -- Comma-separated ground codes the law found in this report's facts (empty: voluntary).
    grounds                     TEXT NOT NULL,
    filed_by_user_id            INTEGER REFERENCES users (id),
    created_at                  TIMESTAMP NOT NULL
);
-- One preliminary and one final report per incident, whatever races.
CREATE UNIQUE INDEX reports_one_preliminary ON reports (incident_id) WHERE stage = 'preliminary';
CREATE UNIQUE INDEX reports_one_final ON reports (incident_id) WHERE stage = 'final';
CREATE INDEX reports_organization ON reports (organization_id, id);
CREATE INDEX reports_received_on ON reports (received_on);

CREATE TABLE idempotency_keys (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    idempotency_key TEXT NOT NULL,
    -- SHA-256 of the request it answered: the same key with another request is refused.
    request_hash    TEXT NOT NULL,
    status          INTEGER NOT NULL,
    response        TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    UNIQUE (user_id, idempotency_key)
);
