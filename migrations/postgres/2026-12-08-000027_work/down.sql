DROP TABLE notes;
DROP TABLE assignments;
DROP TABLE assignees;
