DELETE FROM pending_imports WHERE records NOT IN ('reports', 'consultations', 'actions', 'organizations');
ALTER TABLE pending_imports DROP CONSTRAINT pending_imports_records_check;
ALTER TABLE pending_imports ADD CONSTRAINT pending_imports_records_check
    CHECK (records IN ('reports', 'consultations', 'actions', 'organizations'));
DROP TABLE optout_confirmations;
DROP TABLE optout_campaigns;
DROP TABLE anonymised_publications;
DROP TABLE accredited_bodies;
DROP TABLE optout_reviews;
DROP TABLE optout_versions;
DROP TABLE optout_notifications;
