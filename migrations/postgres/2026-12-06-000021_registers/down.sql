DROP TABLE anonymised_publications;
DROP TABLE accredited_bodies;
DROP TABLE optout_reviews;
DROP TABLE optout_versions;
DROP TABLE optout_notifications;
