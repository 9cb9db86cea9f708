DROP INDEX reports_incident;
CREATE INDEX reports_incident ON reports (incident_id);
DROP INDEX incidents_final_required;
