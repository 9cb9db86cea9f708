DROP TABLE actions;
DROP TABLE meetings;
DROP TABLE case_incidents;
DROP TABLE case_entities;
DROP TABLE cases;
