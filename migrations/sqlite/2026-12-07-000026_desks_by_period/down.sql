-- What only the periods' structure holds goes with it: the errata, the published reports, the
-- third desk's consultations and every link to a category of an earlier period; the tables are
-- built again with their former checks (foreign keys deferred to the commit).
PRAGMA defer_foreign_keys = ON;
DROP TABLE statistics_errata;
DELETE FROM published_statistics WHERE kind = 'activity_report';
-- Links to an earlier structure's category go back to today's of the same desk and code (as they
-- were before the migration); the others go with their categories. A desk's code split by
-- period among today's categories (staff-added) makes the old uniqueness fail: merge them first.
UPDATE consultation_category_links
SET category_id = (
    SELECT later.id FROM consultation_categories later
    JOIN consultation_categories earlier ON later.desk = earlier.desk AND later.code = earlier.code
    WHERE earlier.id = consultation_category_links.category_id
      AND later.valid_from = '2022-04-01')
WHERE category_id IN (SELECT id FROM consultation_categories WHERE valid_from < '2022-04-01')
  AND EXISTS (
    SELECT 1 FROM consultation_categories later
    JOIN consultation_categories earlier ON later.desk = earlier.desk AND later.code = earlier.code
    WHERE earlier.id = consultation_category_links.category_id
      AND later.valid_from = '2022-04-01');
DELETE FROM consultation_category_links
    WHERE category_id IN (SELECT id FROM consultation_categories WHERE valid_from < '2022-04-01')
       OR consultation_id IN (SELECT id FROM consultations WHERE desk = 'deidentified');
DELETE FROM mediation_steps WHERE mediation_id IN (SELECT m.id FROM mediations m
    JOIN consultations c ON c.id = m.consultation_id WHERE c.desk = 'deidentified');
DELETE FROM mediations WHERE consultation_id IN (SELECT id FROM consultations WHERE desk = 'deidentified');
DELETE FROM consultations WHERE desk = 'deidentified';
DELETE FROM consultation_categories WHERE valid_from < '2022-04-01' OR desk = 'deidentified';

CREATE TEMP TABLE categories_kept AS SELECT * FROM consultation_categories;
CREATE TEMP TABLE categories_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'consultation_categories';
DROP TABLE consultation_categories;
CREATE TABLE consultation_categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    desk        TEXT NOT NULL CHECK (desk IN ('private', 'public', 'my_number')),
    code        TEXT NOT NULL,
    label_ja    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (desk, code),
    UNIQUE (desk, label_ja)
);
INSERT INTO consultation_categories (id, desk, code, label_ja, position, created_at)
    SELECT id, desk, code, label_ja, position, created_at FROM categories_kept ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'consultation_categories';
INSERT INTO sqlite_sequence (name, seq) SELECT 'consultation_categories', seq FROM categories_sequence;
DROP TABLE categories_kept;
DROP TABLE categories_sequence;
CREATE TRIGGER consultation_categories_change_insert AFTER INSERT ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;
CREATE TRIGGER consultation_categories_change_update AFTER UPDATE ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;
CREATE TRIGGER consultation_categories_change_delete AFTER DELETE ON consultation_categories BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultation_categories';
END;

CREATE TEMP TABLE consultations_kept AS SELECT * FROM consultations;
CREATE TEMP TABLE consultations_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'consultations';
DROP TABLE consultations;
CREATE TABLE consultations (
    id                       INTEGER PRIMARY KEY AUTOINCREMENT,
    desk                     TEXT NOT NULL CHECK (desk IN ('private', 'public', 'my_number')),
    class                    TEXT NOT NULL CHECK (class IN ('complaint', 'question', 'other')),
    received_on              DATE NOT NULL,
    summary                  TEXT,
    advice                   TEXT,
    -- 監視・監督担当部署への情報提供
    referred_to_supervision  BOOLEAN NOT NULL,
    organization_id          INTEGER REFERENCES organizations (id),
    case_id                  INTEGER REFERENCES cases (id),
    created_at               TIMESTAMP NOT NULL,
    updated_at               TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX consultations_dated_class ON consultations (id, received_on, class);
CREATE INDEX consultations_counting ON consultations (received_on, desk, class);
CREATE INDEX consultations_organization ON consultations (organization_id, id);
CREATE INDEX consultations_case ON consultations (case_id);
CREATE INDEX consultations_referred ON consultations (id) WHERE referred_to_supervision;
INSERT INTO consultations SELECT * FROM consultations_kept ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'consultations';
INSERT INTO sqlite_sequence (name, seq) SELECT 'consultations', seq FROM consultations_sequence;
DROP TABLE consultations_kept;
DROP TABLE consultations_sequence;
CREATE TRIGGER consultations_change_insert AFTER INSERT ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;
CREATE TRIGGER consultations_change_update AFTER UPDATE ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;
CREATE TRIGGER consultations_change_delete AFTER DELETE ON consultations BEGIN
    UPDATE table_changes SET weight = weight + 1 WHERE name = 'consultations';
END;

CREATE TEMP TABLE published_kept AS SELECT * FROM published_statistics;
CREATE TEMP TABLE published_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'published_statistics';
DROP TABLE published_statistics;
CREATE TABLE published_statistics (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    -- 'activity' (the supervision summary) or 'consultations' (the hotline summary)
    kind                  TEXT NOT NULL CHECK (kind IN ('activity', 'consultations')),
    period_id             TEXT NOT NULL,
    -- The summary as JSON, exactly as answered at publication.
    figures               TEXT NOT NULL,
    published_at          TIMESTAMP NOT NULL,
    published_by_user_id  INTEGER REFERENCES users (id),
    UNIQUE (kind, period_id)
);
INSERT INTO published_statistics SELECT * FROM published_kept ORDER BY id;
DELETE FROM sqlite_sequence WHERE name = 'published_statistics';
INSERT INTO sqlite_sequence (name, seq) SELECT 'published_statistics', seq FROM published_sequence;
DROP TABLE published_kept;
DROP TABLE published_sequence;
