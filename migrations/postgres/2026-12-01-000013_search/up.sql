-- Full-text search (API.md, "Search"; docs/architecture.md, "Search"). One row a searchable
-- record: its text in NFKC form (`content`, what snippets show) and folded (NFKC, lower case:
-- what is matched), written by the record's command in the record's transaction. The index is
-- GIN over the folded text's distinct bigrams (a stored column); a query asks for the rows
-- holding all its terms' bigrams, then checks each term with LIKE. Core PostgreSQL: pg_trgm skips
-- characters its database's locale does not call letters (all of Japanese under the C locale)
-- and cannot find a two-character term, the commonest Japanese word.
-- Kept in step with the other backend's migration of the same name.

-- What a row is found by: the distinct pairs of adjacent characters of its folded text, and its
-- kind and owner as words no pair can equal (`kind:report`, `org:12`), so that a reporter's or a
-- kind's search is narrowed by the same index.
CREATE FUNCTION leakdesk_search_terms(kind TEXT, organization_id BIGINT, folded TEXT)
    RETURNS TEXT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
        SELECT ARRAY['kind:' || kind]
            || CASE WHEN organization_id IS NULL THEN '{}'::TEXT[]
                    ELSE ARRAY['org:' || organization_id::TEXT] END
            || coalesce((SELECT array_agg(DISTINCT substr(folded, i, 2))
                         FROM generate_series(1, char_length(folded) - 1) AS i), '{}')
    $$;

CREATE TABLE search_entries (
    id               BIGSERIAL PRIMARY KEY,
    -- 'report', 'organization', 'case' or 'consultation'
    kind             TEXT NOT NULL,
    record_id        BIGINT NOT NULL,
    -- Whose record it is, for a reporter's search (reports only).
    organization_id  BIGINT,
    title            TEXT NOT NULL,
    -- The folded reference (a report) or name (an organization, a case): an exact match ranks first.
    exact_key        TEXT,
    content          TEXT NOT NULL,
    folded           TEXT NOT NULL,
    -- Stored, so that a row is checked against a query without computing its terms again
    -- (a bitmap scan rechecks whole pages once it outgrows work_mem).
    terms            TEXT[] GENERATED ALWAYS AS
                         (leakdesk_search_terms(kind, organization_id, folded)) STORED,
    UNIQUE (kind, record_id)
);
CREATE INDEX search_entries_exact ON search_entries (exact_key) WHERE exact_key IS NOT NULL;
CREATE INDEX search_entries_terms ON search_entries USING gin (terms);

-- Present while records written before this migration still wait to be indexed; the service
-- indexes them when it starts (and `leakdesk search reindex` at any time).
CREATE TABLE search_reindex_pending (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO search_reindex_pending (id) VALUES (1);

-- Related reports (API.md, "Search"): reports close in time, and those naming a contractor.
CREATE INDEX reports_aware_on ON reports (aware_on);
CREATE INDEX reports_contractor ON reports (contractor_organization_id, aware_on)
    WHERE contractor_organization_id IS NOT NULL;
