-- Full-text search (API.md, "Search"; docs/architecture.md, "Search"). One row a searchable
-- record: its text in NFKC form (`content`, what snippets show) and folded (NFKC, lower case:
-- what is matched), written by the record's command in the record's transaction. The index is
-- FTS5 over the folded text's bigrams, each written as one ASCII word, so that a term of two
-- characters is one word and a longer term a phrase of consecutive words: exact infix matching,
-- width- and case-insensitive, without a tokenizer that knows Japanese.
-- Kept in step with the other backend's migration of the same name.
CREATE TABLE search_entries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'report', 'organization', 'case' or 'consultation'
    kind             TEXT NOT NULL,
    record_id        INTEGER NOT NULL,
    -- Whose record it is, for a reporter's search (reports only).
    organization_id  INTEGER,
    title            TEXT NOT NULL,
    -- The folded reference (a report) or name (an organization, a case): an exact match ranks first.
    exact_key        TEXT,
    content          TEXT NOT NULL,
    folded           TEXT NOT NULL,
    UNIQUE (kind, record_id)
);
CREATE INDEX search_entries_exact ON search_entries (exact_key) WHERE exact_key IS NOT NULL;

CREATE VIRTUAL TABLE search_bigrams USING fts5 (
    words,
    tokenize = 'ascii',
    content = '',
    contentless_delete = 1
);

-- Present while records written before this migration still wait to be indexed; the service
-- indexes them when it starts (and `leakdesk search reindex` at any time).
CREATE TABLE search_reindex_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO search_reindex_pending (id) VALUES (1);

-- Related reports (API.md, "Search"): reports close in time, and those naming a contractor.
CREATE INDEX reports_aware_on ON reports (aware_on);
CREATE INDEX reports_contractor ON reports (contractor_organization_id, aware_on)
    WHERE contractor_organization_id IS NOT NULL;
