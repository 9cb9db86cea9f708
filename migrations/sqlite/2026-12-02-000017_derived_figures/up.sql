-- Issue #24 (docs/performance.md, session 13): statistics and indicators computed once for as
-- long as the records they are counted from stay as they are.
-- Every row written to a table the statistics read adds to that table's weight in
-- `table_changes`, in the writer's own transaction (a trigger), so the sum of a table's weights
-- read in a snapshot grows exactly when a write to it has committed. A figure is kept with the
-- sums it was computed at, read in the same snapshot, and served again only while they are all
-- unchanged. SQLite has one writer at a time, so each table keeps a single row here that its
-- triggers raise (PostgreSQL adds a row per statement instead, so that writers never wait on
-- one another over it); both are read the same way, as sums.
CREATE TABLE table_changes (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    weight BIGINT NOT NULL
);
INSERT INTO table_changes (name, weight) VALUES
    ('incidents', 0),
    ('reports', 0),
    ('organizations', 0),
    ('actions', 0),
    ('mediations', 0),
    ('consultations', 0),
    ('consultation_categories', 0),
    ('consultation_category_links', 0);
CREATE TRIGGER incidents_change_insert AFTER INSERT ON incidents BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'incidents';
END;
CREATE TRIGGER incidents_change_update AFTER UPDATE ON incidents BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'incidents';
END;
CREATE TRIGGER incidents_change_delete AFTER DELETE ON incidents BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'incidents';
END;
CREATE TRIGGER reports_change_insert AFTER INSERT ON reports BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'reports';
END;
CREATE TRIGGER reports_change_update AFTER UPDATE ON reports BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'reports';
END;
CREATE TRIGGER reports_change_delete AFTER DELETE ON reports BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'reports';
END;
CREATE TRIGGER organizations_change_insert AFTER INSERT ON organizations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'organizations';
END;
CREATE TRIGGER organizations_change_update AFTER UPDATE ON organizations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'organizations';
END;
CREATE TRIGGER organizations_change_delete AFTER DELETE ON organizations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'organizations';
END;
CREATE TRIGGER actions_change_insert AFTER INSERT ON actions BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'actions';
END;
CREATE TRIGGER actions_change_update AFTER UPDATE ON actions BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'actions';
END;
CREATE TRIGGER actions_change_delete AFTER DELETE ON actions BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'actions';
END;
CREATE TRIGGER mediations_change_insert AFTER INSERT ON mediations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'mediations';
END;
CREATE TRIGGER mediations_change_update AFTER UPDATE ON mediations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'mediations';
END;
CREATE TRIGGER mediations_change_delete AFTER DELETE ON mediations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'mediations';
END;
CREATE TRIGGER consultations_change_insert AFTER INSERT ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;
CREATE TRIGGER consultations_change_update AFTER UPDATE ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;
CREATE TRIGGER consultations_change_delete AFTER DELETE ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;
CREATE TRIGGER consultation_categories_change_insert AFTER INSERT ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;
CREATE TRIGGER consultation_categories_change_update AFTER UPDATE ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;
CREATE TRIGGER consultation_categories_change_delete AFTER DELETE ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;
CREATE TRIGGER consultation_category_links_change_insert AFTER INSERT ON consultation_category_links BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_category_links';
END;
CREATE TRIGGER consultation_category_links_change_update AFTER UPDATE ON consultation_category_links BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_category_links';
END;
CREATE TRIGGER consultation_category_links_change_delete AFTER DELETE ON consultation_category_links BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_category_links';
END;
-- A computed figure (`name`: its kind and period), the day it was computed for and the weights
-- of its tables then; replaced when computed again.
CREATE TABLE derived_figures (
    name TEXT PRIMARY KEY NOT NULL,
    as_of DATE NOT NULL,
    stamps TEXT NOT NULL,
    body TEXT NOT NULL
);
