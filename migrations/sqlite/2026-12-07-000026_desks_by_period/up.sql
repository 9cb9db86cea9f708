-- Desks and categories by period (seed 001; SPEC.md §7a): FY2019's desks were not FY2025's. A
-- category carries the days it is valid for (seed 000's from 2022-04-01, open), a consultation
-- is filed under the desk and categories valid on its day, and the third desk of FY2019 — the
-- 行政機関等非識別加工情報に関する総合案内所 (`deidentified`) — is added. The half-year activity
-- report is published (frozen) like the other tables, and corrected only by errata.
-- SQLite changes a CHECK or a UNIQUE by building the table again (as the guidelines' migration
-- does: foreign keys deferred to the commit, rows, ids and the id counter kept; the parent's rows
-- inserted again satisfy the links that name them).
-- Kept in step with the other backend's migration of the same name.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE categories_kept AS SELECT * FROM consultation_categories;
CREATE TEMP TABLE categories_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'consultation_categories';
DROP TABLE consultation_categories;
CREATE TABLE consultation_categories (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    desk        TEXT NOT NULL CHECK (desk IN ('private', 'public', 'my_number', 'deidentified')),
    code        TEXT NOT NULL,
    label_ja    TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    valid_from  DATE NOT NULL,
    valid_to    DATE CHECK (valid_to IS NULL OR valid_to >= valid_from),
    UNIQUE (desk, code, valid_from),
    UNIQUE (desk, label_ja, valid_from)
);
INSERT INTO consultation_categories (id, desk, code, label_ja, position, created_at, valid_from)
    SELECT id, desk, code, label_ja, position, created_at, '2022-04-01' FROM categories_kept ORDER BY id;
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
    desk                     TEXT NOT NULL CHECK (desk IN ('private', 'public', 'my_number', 'deidentified')),
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
    -- 'activity' (the supervision summary), 'consultations' (the hotline summary) or
    -- 'activity_report' (the half-year activity report, whole)
    kind                  TEXT NOT NULL CHECK (kind IN ('activity', 'consultations', 'activity_report')),
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

-- 正誤表: a published table is corrected only by a note beside it; the frozen figures stay.
CREATE TABLE statistics_errata (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    publication_id      INTEGER NOT NULL REFERENCES published_statistics (id),
    figure              TEXT NOT NULL,
    published_value     TEXT NOT NULL,
    corrected_value     TEXT NOT NULL,
    reason              TEXT NOT NULL,
    corrected_on        DATE NOT NULL,
    created_by_user_id  INTEGER REFERENCES users (id),
    created_at          TIMESTAMP NOT NULL
);
CREATE INDEX statistics_errata_publication ON statistics_errata (publication_id, id);

-- Seed 001's structure (FY2019): the desks as they stood before the 2022 amendments brought the
-- public sector under the Act (令和３年改正法, in force 2022-04-01), each desk's categories in
-- the order the Commission printed them, valid from the Commission's establishment.
INSERT INTO consultation_categories (desk, code, label_ja, position, valid_from, valid_to, created_at) VALUES
    ('private', 'third_party_provision', '第三者提供', 1, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'purpose_of_use', '利用目的', 2, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'definitions', '定義', 3, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'security_measures', '安全管理措置', 4, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'complaint_handling', '苦情の処理', 5, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'disclosure', '開示等の請求等', 6, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'proper_acquisition', '適正な取得', 7, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'anonymised_information', '匿名加工情報', 8, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'cross_border_provision', '外国にある第三者への提供', 9, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('private', 'accredited_bodies', '認定個人情報保護団体', 10, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'management', '管理体制', 1, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'provision_requests', '提供の求め等', 2, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'leaks', '漏えい等', 3, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'complaint_desk', '苦情等窓口対応', 4, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'collection_and_storage', '収集・保管', 5, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'outsourcing', '委託', 6, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'identity_verification', '本人確認', 7, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('my_number', 'other', 'その他', 8, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'proposals', '提案募集', 1, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'definitions', '定義', 2, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'proposal_review', '提案の審査等', 3, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'contracts', '契約関係', 4, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'processing_standards', '作成加工基準等', 5, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'fees', '手数料', 6, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00'),
    ('deidentified', 'other', 'その他', 7, '2016-01-01', '2022-03-31', '2026-12-07 00:00:00');

-- Consultations kept before this migration and received before 2022-04-01 were filed under
-- today's categories: each such link moves to the category of the same desk and code in the
-- structure of its own day, where there is one (a link without one stays, and its consultation
-- still counts in its desk's totals).
UPDATE consultation_category_links
SET category_id = (
    SELECT earlier.id FROM consultation_categories earlier
    JOIN consultation_categories later ON later.desk = earlier.desk AND later.code = earlier.code
    WHERE later.id = consultation_category_links.category_id
      AND earlier.valid_from = '2016-01-01')
WHERE received_on < '2022-04-01'
  AND EXISTS (
    SELECT 1 FROM consultation_categories earlier
    JOIN consultation_categories later ON later.desk = earlier.desk AND later.code = earlier.code
    WHERE later.id = consultation_category_links.category_id
      AND earlier.valid_from = '2016-01-01');
