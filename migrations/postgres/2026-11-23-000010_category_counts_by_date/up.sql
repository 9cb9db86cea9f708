-- The hotline's quarterly table counts each consultation once in each of its categories, by the
-- consultation's date and class. Counting that through a join reads every link ever made (over
-- ten years, bench/run: 3.75M links for a quarter's 124,000 consultations). A link now carries
-- its consultation's date and class, and a date-led index answers the count from the index
-- alone.
-- The copy cannot drift: the links' (consultation_id, received_on, class) is a foreign key to the
-- consultation's own, and a change to the consultation's date or class cascades to its links.
-- Kept in step with the other backend's migration of the same name.
ALTER TABLE consultations
    ADD CONSTRAINT consultations_dated_class UNIQUE (id, received_on, class);

ALTER TABLE consultation_category_links
    ADD COLUMN received_on DATE,
    ADD COLUMN class TEXT CHECK (class IN ('complaint', 'question', 'other'));
UPDATE consultation_category_links l
    SET received_on = c.received_on, class = c.class
    FROM consultations c
    WHERE c.id = l.consultation_id;
ALTER TABLE consultation_category_links
    ALTER COLUMN received_on SET NOT NULL,
    ALTER COLUMN class SET NOT NULL,
    ADD CONSTRAINT consultation_category_links_dated_class
        FOREIGN KEY (consultation_id, received_on, class)
        REFERENCES consultations (id, received_on, class) ON UPDATE CASCADE;

CREATE INDEX consultation_category_links_counting
    ON consultation_category_links (received_on, category_id, class);
