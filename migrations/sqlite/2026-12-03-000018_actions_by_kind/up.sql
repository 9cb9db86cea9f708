-- Issue #24 (docs/performance.md, session 15): the actions of one kind in id order — the
-- report collections page and the actions list by kind, a deep page included — from the index
-- alone, rather than walking every action along the primary key.
CREATE INDEX actions_kind ON actions (kind, id);
