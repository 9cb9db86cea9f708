-- Lists at a decade of history (issue #24; docs/performance.md, "Every list at a million
-- incidents", has each index's plan before and after).
-- An incident's chain of reports, and the reports list filtered by incident.
CREATE INDEX reports_incident ON reports (incident_id);
-- The reports of a period in id order: the ids come from the index alone.
DROP INDEX reports_received_on;
CREATE INDEX reports_received_on ON reports (received_on, id);
-- The incidents of a period and the actions started in one, in order of the day.
CREATE INDEX incidents_received_on ON incidents (first_received_on, id);
CREATE INDEX actions_started_on ON actions (started_on, id);
-- The incidents list by regime, and the serious ones, in id order.
CREATE INDEX incidents_regime ON incidents (regime, id);
CREATE INDEX incidents_serious ON incidents (id) WHERE serious;
-- The reports list by regime and by review status, in id order (a deep page included).
CREATE INDEX reports_regime ON reports (regime, id);
CREATE INDEX reports_review_status ON reports (review_status, id);
-- The audit trail staff read (without the read log), in id order, found in the index alone.
CREATE INDEX audit_log_not_read ON audit_log (id) WHERE action <> 'read';
-- The trail by action (the read log included).
CREATE INDEX audit_log_action ON audit_log (action, id);
-- One record's trail, with or without its type; one type's trail in id order.
DROP INDEX audit_log_entity;
CREATE INDEX audit_log_entity ON audit_log (entity_id, entity_type);
CREATE INDEX audit_log_entity_type ON audit_log (entity_type, id);
-- The actions decided at a meeting (the meetings list, the actions list by meeting).
CREATE INDEX actions_meeting ON actions (meeting_id);
-- An organization's and a case's consultations; those referred to supervision.
CREATE INDEX consultations_organization ON consultations (organization_id, id);
CREATE INDEX consultations_case ON consultations (case_id);
CREATE INDEX consultations_referred ON consultations (id) WHERE referred_to_supervision;
-- Cases by last activity.
CREATE INDEX cases_activity ON cases (updated_at, id);
