-- The hotline's quarterly table counts each consultation once in each of its categories, by the
-- consultation's date and class. Counting that through a join reads every link ever made (over
-- ten years, bench/run: 3.75M links for a quarter's 124,000 consultations). A link now carries
-- its consultation's date and class, and a date-led index answers the count from the index
-- alone.
-- The copy cannot drift: the links' (consultation_id, received_on, class) is a foreign key to the
-- consultation's own, and a change to the consultation's date or class cascades to its links.
-- SQLite adds a table's foreign keys only with the table, so the links' table is rebuilt (nothing
-- refers to it).
-- Kept in step with the other backend's migration of the same name.
CREATE UNIQUE INDEX consultations_dated_class ON consultations (id, received_on, class);

CREATE TABLE consultation_category_links_dated (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id),
    category_id      INTEGER NOT NULL REFERENCES consultation_categories (id),
    received_on      DATE NOT NULL,
    class            TEXT NOT NULL CHECK (class IN ('complaint', 'question', 'other')),
    UNIQUE (consultation_id, category_id),
    FOREIGN KEY (consultation_id, received_on, class)
        REFERENCES consultations (id, received_on, class) ON UPDATE CASCADE
);
INSERT INTO consultation_category_links_dated
        (id, consultation_id, category_id, received_on, class)
    SELECT l.id, l.consultation_id, l.category_id, c.received_on, c.class
    FROM consultation_category_links l
    JOIN consultations c ON c.id = l.consultation_id;
DROP TABLE consultation_category_links;
ALTER TABLE consultation_category_links_dated RENAME TO consultation_category_links;

CREATE INDEX consultation_category_links_category ON consultation_category_links (category_id);
CREATE INDEX consultation_category_links_counting
    ON consultation_category_links (received_on, category_id, class);
