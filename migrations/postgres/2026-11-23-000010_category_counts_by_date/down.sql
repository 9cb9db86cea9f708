DROP INDEX consultation_category_links_counting;
ALTER TABLE consultation_category_links
    DROP CONSTRAINT consultation_category_links_dated_class,
    DROP COLUMN class,
    DROP COLUMN received_on;
ALTER TABLE consultations DROP CONSTRAINT consultations_dated_class;
