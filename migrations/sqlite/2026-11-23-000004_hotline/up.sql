-- The consultation hotline (個人情報保護法相談ダイヤル, マイナンバー苦情あっせん相談窓口): each desk's
-- categories (kept as data so staff can add more), consultations counted in each of their
-- categories, and complaint mediations (苦情あっせん) with their steps.
-- Kept in step with the other backend's migration of the same name.

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

-- Seed 000's categories, in its order.
INSERT INTO consultation_categories (desk, code, label_ja, position, created_at) VALUES
    ('private', 'third_party_provision', '第三者提供', 1, '2026-11-23 00:00:00'),
    ('private', 'purpose_of_use', '利用目的', 2, '2026-11-23 00:00:00'),
    ('private', 'disclosure', '開示等', 3, '2026-11-23 00:00:00'),
    ('private', 'leak_reporting', '漏えい等の報告等', 4, '2026-11-23 00:00:00'),
    ('private', 'security_measures', '安全管理措置', 5, '2026-11-23 00:00:00'),
    ('private', 'accuracy', '正確性の確保', 6, '2026-11-23 00:00:00'),
    ('private', 'improper_use', '不適正利用の禁止', 7, '2026-11-23 00:00:00'),
    ('private', 'proper_acquisition', '適正な取得', 8, '2026-11-23 00:00:00'),
    ('private', 'definitions', '定義', 9, '2026-11-23 00:00:00'),
    ('private', 'person_related_information', '個人関連情報', 10, '2026-11-23 00:00:00'),
    ('public', 'use_and_provision_limits', '利用及び提供の制限', 1, '2026-11-23 00:00:00'),
    ('public', 'disclosure', '開示等', 2, '2026-11-23 00:00:00'),
    ('public', 'retention_limits', '保有の制限等', 3, '2026-11-23 00:00:00'),
    ('public', 'leak_reporting', '漏えい等の報告等', 4, '2026-11-23 00:00:00'),
    ('public', 'security_measures', '安全管理措置', 5, '2026-11-23 00:00:00'),
    ('public', 'definitions', '定義', 6, '2026-11-23 00:00:00'),
    ('my_number', 'provision_requests', '提供の要求等', 1, '2026-11-23 00:00:00'),
    ('my_number', 'collection_limits', '収集等の制限', 2, '2026-11-23 00:00:00'),
    ('my_number', 'security_measures', '安全管理措置', 3, '2026-11-23 00:00:00'),
    ('my_number', 'leak_reporting', '漏えい等に関する報告等', 4, '2026-11-23 00:00:00'),
    ('my_number', 'provision_limits', '提供の制限等', 5, '2026-11-23 00:00:00'),
    ('my_number', 'other', 'その他', 6, '2026-11-23 00:00:00');

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
CREATE INDEX consultations_counting ON consultations (received_on, desk, class);

-- A consultation counts once in each of its categories.
CREATE TABLE consultation_category_links (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id  INTEGER NOT NULL REFERENCES consultations (id),
    category_id      INTEGER NOT NULL REFERENCES consultation_categories (id),
    UNIQUE (consultation_id, category_id)
);
CREATE INDEX consultation_category_links_category ON consultation_category_links (category_id);

CREATE TABLE mediations (
    id                              INTEGER PRIMARY KEY AUTOINCREMENT,
    consultation_id                 INTEGER NOT NULL UNIQUE REFERENCES consultations (id),
    applied_on                      DATE NOT NULL,
    entity_identifiable             BOOLEAN NOT NULL,
    applicant_is_party              BOOLEAN NOT NULL,
    other_procedure_pending         BOOLEAN NOT NULL,
    seeks_compensation_or_apology   BOOLEAN NOT NULL,
    status                          TEXT NOT NULL CHECK (status IN ('applied', 'started', 'declined', 'closed')),
    started_on                      DATE,
    declined_on                     DATE,
    decline_reason                  TEXT,
    closed_on                       DATE,
    outcome                         TEXT CHECK (outcome IN ('resolved', 'unresolved', 'withdrawn')),
    created_at                      TIMESTAMP NOT NULL,
    updated_at                      TIMESTAMP NOT NULL
);
CREATE INDEX mediations_applied ON mediations (applied_on);
CREATE INDEX mediations_started ON mediations (started_on);

CREATE TABLE mediation_steps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    mediation_id  INTEGER NOT NULL REFERENCES mediations (id),
    kind          TEXT NOT NULL CHECK (kind IN ('urged_entity', 'entity_reported', 'other')),
    taken_on      DATE NOT NULL,
    note          TEXT,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX mediation_steps_mediation ON mediation_steps (mediation_id);
