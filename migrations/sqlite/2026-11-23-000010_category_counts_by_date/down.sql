CREATE TABLE consultation_category_links_undated (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id),
    category_id      INTEGER NOT NULL REFERENCES consultation_categories (id),
    UNIQUE (consultation_id, category_id)
);
INSERT INTO consultation_category_links_undated (id, consultation_id, category_id)
    SELECT id, consultation_id, category_id FROM consultation_category_links;
DROP TABLE consultation_category_links;
ALTER TABLE consultation_category_links_undated RENAME TO consultation_category_links;
CREATE INDEX consultation_category_links_category ON consultation_category_links (category_id);

DROP INDEX consultations_dated_class;
