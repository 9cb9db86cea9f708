DROP INDEX actions_kind;
