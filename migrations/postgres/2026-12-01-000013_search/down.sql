DROP INDEX reports_contractor;
DROP INDEX reports_aware_on;
DROP TABLE search_reindex_pending;
DROP TABLE search_entries;
DROP FUNCTION leakdesk_search_terms(TEXT, BIGINT, TEXT);
