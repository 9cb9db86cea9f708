DROP INDEX actions_started;
DROP INDEX incidents_received;
