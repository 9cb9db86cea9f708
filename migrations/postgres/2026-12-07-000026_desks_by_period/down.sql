-- What only the periods' structure holds goes with it: the errata, the published reports, the
-- third desk's consultations and every link to a category of an earlier period.
DROP TABLE statistics_errata;
DELETE FROM published_statistics WHERE kind = 'activity_report';
ALTER TABLE published_statistics
    DROP CONSTRAINT published_statistics_kind_check,
    ADD CONSTRAINT published_statistics_kind_check CHECK (kind IN ('activity', 'consultations'));
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
ALTER TABLE consultations
    DROP CONSTRAINT consultations_desk_check,
    ADD CONSTRAINT consultations_desk_check CHECK (desk IN ('private', 'public', 'my_number'));
ALTER TABLE consultation_categories
    DROP CONSTRAINT consultation_categories_desk_code_key,
    DROP CONSTRAINT consultation_categories_desk_label_ja_key,
    DROP CONSTRAINT consultation_categories_valid,
    DROP CONSTRAINT consultation_categories_desk_check,
    ADD CONSTRAINT consultation_categories_desk_check CHECK (desk IN ('private', 'public', 'my_number')),
    ADD CONSTRAINT consultation_categories_desk_code_key UNIQUE (desk, code),
    ADD CONSTRAINT consultation_categories_desk_label_ja_key UNIQUE (desk, label_ja),
    DROP COLUMN valid_from,
    DROP COLUMN valid_to;
