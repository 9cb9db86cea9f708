-- Issue #24 (docs/performance.md, "Every list at a million incidents", session 12).
-- The incidents awaiting a required final report: the overdue lists and counts
-- (`overdue=true`, the staff dashboard) read this index alone, in id order, instead of
-- scanning every incident for the few recent ones that are overdue.
CREATE INDEX incidents_final_required ON incidents (id, final_due_on)
    WHERE final_report_id IS NULL AND mandatory;
-- An incident's chain of reports in id order, with what the indicators read of each report:
-- a half-year's reports are one range of this index, read from the index alone.
DROP INDEX reports_incident;
CREATE INDEX reports_incident ON reports (incident_id, id, stage, aware_on, received_on, cause);
