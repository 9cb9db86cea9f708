-- Published statistics: the figures of a period as they were published, served unchanged later.
-- Kept in step with the other backend's migration of the same name.

CREATE TABLE published_statistics (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'activity' (the supervision summary) or 'consultations' (the hotline summary)
    kind                  TEXT NOT NULL CHECK (kind IN ('activity', 'consultations')),
    period_id             TEXT NOT NULL,
    -- The summary as JSON, exactly as answered at publication.
    figures               TEXT NOT NULL,
    published_at          TIMESTAMP NOT NULL,
    published_by_user_id  INTEGER REFERENCES users (id),
    UNIQUE (kind, period_id)
);
