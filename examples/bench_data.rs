//! The data of `bench/search` and `bench/scale` (docs/performance.md): on the database of
//! `DATABASE_URL` (migrated, otherwise empty; PostgreSQL or SQLite), writes `BENCH_INCIDENTS`
//! incidents (default 1,000,000) received over the ten years up to 2026-11-01, oldest first,
//! from 20,000 organizations (a fifth of them from the hundred busiest), each with its
//! preliminary report and, for nearly all but the last quarter's, a final one — summaries
//! composed from the words real leak reports use (who, what, in what, what happened, where), a
//! tenth naming a contractor; then, in proportion, cases (one per 20 incidents, with their
//! incidents and entities), supervisory actions (one per 5), meetings, consultations (one per 5),
//! mediations, sent mail and two audit rows per incident. All in multi-row SQL; then the search
//! index with the product's own rebuild (`leakdesk search reindex`) and the statistics the
//! planner keeps (`VACUUM ANALYZE`, as autovacuum would).
//! Prints `BENCHDATA incidents=… reports=… generate_s=… reindex_s=… report=… incident=… case=…
//! action=… consultation=… mediation=… organization=…`: records in the middle of the ranges, for
//! the pages of one record, and the busiest organization.

use std::fmt::Write;
use std::time::Instant;

use diesel::RunQueryDsl;
use leakdesk::config::Config;
use leakdesk::db::{Actor, Db, DbConnection};

const ORGANIZATIONS: i64 = 20_000;
/// Days from 2016-11-01: ten years, up to 2026-11-01.
const DAYS: i64 = 3652;
/// The day the data is "now" for: deadlines before it have passed.
const NOW: &str = "2026-11-01 09:00:00";
const BATCH: i64 = 2_000;

const WHO: [&str; 8] = [
    "従業員が",
    "委託先の従業員が",
    "職員が",
    "担当者が",
    "元従業員が",
    "第三者が",
    "外部の者が",
    "派遣社員が",
];
const WHAT: [&str; 12] = [
    "顧客名簿",
    "会員情報",
    "住民票の写し",
    "健康診断の結果",
    "給与明細",
    "申込書",
    "患者情報",
    "学生名簿",
    "応募者の情報",
    "契約書類",
    "マイナンバーカードの写し",
    "口座情報",
];
const IN: [&str; 7] = [
    "を記録したUSBメモリ",
    "を保存したノートパソコン",
    "を保存した外付けハードディスク",
    "を含む書類",
    "を記載した帳票",
    "を添付した電子メール",
    "を含むファイル",
];
const HAPPENED: [&str; 9] = [
    "を紛失した",
    "を誤送付した",
    "を誤送信した",
    "が盗まれた",
    "を誤って廃棄した",
    "が不正アクセスにより漏えいした",
    "を誤交付した",
    "が閲覧できる状態になっていた",
    "がランサムウェアにより暗号化された",
];
const WHERE: [&str; 8] = [
    "電車内で",
    "店舗で",
    "事務所で",
    "自宅で",
    "移動中に",
    "窓口で",
    "配送の途中で",
    "",
];
const ITEMS: [&str; 6] = [
    "氏名",
    "住所",
    "電話番号",
    "生年月日",
    "メールアドレス",
    "口座番号",
];

/// A well-mixed number of `g` (Knuth's multiplicative hash), so that the words vary
/// independently of one another and of the organization.
fn mix(g: i64) -> i64 {
    (g * 2_654_435_761) % 4_294_967_296
}

/// The word of `list` that digit `place` of `g`'s mixed number (in the lists' mixed radix) picks.
fn pick<'a>(list: &[&'a str], g: i64, place: i64) -> &'a str {
    list[usize::try_from((mix(g) / place) % list.len() as i64).unwrap_or(0)]
}

fn summary(g: i64) -> String {
    format!(
        "{}{}{}{}{}。対象者は約{}名。",
        pick(&WHO, g, 1),
        pick(&WHERE, g, 8),
        pick(&WHAT, g, 64),
        pick(&IN, g, 768),
        pick(&HAPPENED, g, 5376),
        10 + (g * 37) % 990
    )
}

fn day(offset: i64) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2016, 11, 1).unwrap() + chrono::Duration::days(offset)
}

/// The sizes of one data set, from its number of incidents.
#[derive(Clone, Copy)]
struct Sizes {
    incidents: i64,
}

impl Sizes {
    /// The day incident `g` (1-based, oldest first) was received: evenly over the ten years.
    fn received(self, g: i64) -> chrono::NaiveDate {
        day((g - 1) * DAYS / self.incidents)
    }
    fn cases(self) -> i64 {
        self.incidents / 20
    }
    fn actions(self) -> i64 {
        self.incidents / 5
    }
    fn consultations(self) -> i64 {
        self.incidents / 5
    }
    fn mediations(self) -> i64 {
        self.incidents / 500
    }
    fn mail(self) -> i64 {
        self.incidents / 20
    }
    fn audit(self) -> i64 {
        self.incidents * 2
    }
}

/// The organization of incident `g`: a fifth from the hundred busiest, the rest spread evenly.
fn organization(g: i64) -> i64 {
    if g % 5 == 0 {
        1 + mix(g) % 100
    } else {
        1 + (g * 7919) % ORGANIZATIONS
    }
}

/// Whether incident `g` is reportable (nine in ten) — grounds `headcount` then.
fn mandatory(g: i64) -> bool {
    mix(g + 11) % 10 != 0
}

/// Whether incident `g` has its final report: all but one in fifty of those received more than
/// ninety days before now, six in ten of the rest.
fn finished(sizes: Sizes, g: i64) -> bool {
    let recent = sizes.received(g) > day(DAYS - 90);
    if recent { g % 10 < 6 } else { g % 50 != 0 }
}

fn regime(g: i64) -> &'static str {
    match mix(g + 7) % 100 {
        0..82 => "appi",
        82..90 => "appi_public",
        _ => "my_number",
    }
}

/// The review status of incident `g`'s reports: accepted when older than half a year (one in a
/// hundred asked for a revision), a mix for the recent ones.
fn review_status(sizes: Sizes, g: i64) -> &'static str {
    let recent = sizes.received(g) > day(DAYS - 180);
    match (recent, mix(g + 13) % 100) {
        (false, 0) => "revision_requested",
        (false, _) => "accepted",
        (true, 0..60) => "received",
        (true, 60..90) => "accepted",
        (true, _) => "revision_requested",
    }
}

fn execute(conn: &mut DbConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {:.300}", sql));
}

/// Inserts the rows `row(i)` for `i` in `range` (skipping `None`) with `head` (`INSERT INTO … VALUES `),
/// `BATCH` rows a statement.
fn insert(
    conn: &mut DbConnection,
    head: &str,
    range: std::ops::RangeInclusive<i64>,
    mut row: impl FnMut(i64) -> Option<String>,
) -> i64 {
    let mut sql = String::new();
    let mut in_batch = 0;
    let mut written = 0;
    for i in range {
        let Some(values) = row(i) else { continue };
        sql.push_str(if in_batch == 0 { head } else { "," });
        sql.push_str(&values);
        in_batch += 1;
        written += 1;
        if in_batch == BATCH {
            execute(conn, &sql);
            sql.clear();
            in_batch = 0;
        }
    }
    if in_batch > 0 {
        execute(conn, &sql);
    }
    written
}

fn generate(conn: &mut DbConnection, sizes: Sizes) -> i64 {
    let n = sizes.incidents;
    insert(
        conn,
        "INSERT INTO organizations (name, kind, prefecture, contact_email, created_at, updated_at) VALUES ",
        1..=ORGANIZATIONS,
        |g| {
            let kind = ["business", "business", "business", "local_government"][g as usize % 4];
            let name = if kind == "business" {
                format!("株式会社サンプル{g}")
            } else {
                format!("サンプル市{g}")
            };
            let prefecture = format!("{:02}", 1 + g % 47);
            Some(format!(
                "('{name}', '{kind}', '{prefecture}', 'dpo{g}@example.jp', '{NOW}', '{NOW}')"
            ))
        },
    );
    insert(
        conn,
        "INSERT INTO incidents (organization_id, regime, first_received_on, received_via, aware_on, \
         computed_mandatory, mandatory, serious, grounds, preliminary_due_on, final_due_on, \
         created_at, updated_at) VALUES ",
        1..=n,
        |g| {
            let d = sizes.received(g);
            let (m, grounds) = if mandatory(g) {
                ("TRUE", "headcount")
            } else {
                ("FALSE", "")
            };
            // Three in a hundred reportable ones serious.
            let serious = if mandatory(g) && mix(g + 17) % 33 == 0 {
                "TRUE"
            } else {
                "FALSE"
            };
            Some(format!(
                "({}, '{}', '{d}', 'direct', '{d}', {m}, {m}, {serious}, '{grounds}', '{}', '{}', '{d} 10:00:00', '{d} 10:00:00')",
                organization(g),
                regime(g),
                d + chrono::Duration::days(5),
                d + chrono::Duration::days(30),
            ))
        },
    );
    // Batch by batch of incidents, their preliminary reports then their final ones: ids follow
    // the time of receipt closely, as they do when reports arrive one by one.
    let mut reports = 0;
    for (from, stage) in (1..=n)
        .step_by(BATCH as usize)
        .flat_map(|from| [(from, "preliminary"), (from, "final")])
    {
        reports += insert(
            conn,
            "INSERT INTO reports (incident_id, organization_id, regime, stage, preliminary_report_id, \
             aware_on, received_on, summary, data_items, persons_affected, persons_estimated, cause, \
             sensitive_data, financial_damage_risk, unlawful_purpose, ordinance_sensitive, \
             network_system, publicly_viewable, strongly_encrypted, contractor_organization_id, \
             received_via, grounds, created_at, version, review_status) VALUES ",
            from..=(from + BATCH - 1).min(n),
            |g| {
                let is_final = stage == "final";
                if is_final && !finished(sizes, g) {
                    return None;
                }
                let aware = sizes.received(g);
                let received = if is_final {
                    aware + chrono::Duration::days(25)
                } else {
                    aware
                };
                let contractor = if g % 10 == 3 {
                    (1 + (g * 104_729) % ORGANIZATIONS).to_string()
                } else {
                    "NULL".into()
                };
                let items = format!(
                    "[\"{}\",\"{}\"]",
                    pick(&ITEMS, g, 48_384),
                    pick(&ITEMS, g + 1, 48_384)
                );
                let summary = if is_final {
                    format!("{}原因は管理の不備であった。", summary(g))
                } else {
                    summary(g)
                };
                let (grounds, persons) = if mandatory(g) {
                    ("headcount", 1001 + (g * 37) % 9000)
                } else {
                    ("", 10 + (g * 37) % 990)
                };
                Some(format!(
                    "({g}, {}, '{}', '{stage}', NULL, '{aware}', '{received}', '{summary}', '{items}', \
                     {persons}, FALSE, 'loss', FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, \
                     {contractor}, 'direct', '{grounds}', '{received} 10:00:00', 1, '{}')",
                    organization(g),
                    regime(g),
                    review_status(sizes, g)
                ))
            },
        );
    }
    // The chains: each final report names its preliminary one, each incident its final report.
    execute(
        conn,
        "UPDATE reports SET preliminary_report_id = p.id FROM reports p \
         WHERE reports.stage = 'final' AND p.incident_id = reports.incident_id AND p.stage = 'preliminary'",
    );
    execute(
        conn,
        "UPDATE incidents SET final_report_id = r.id, final_received_on = r.received_on \
         FROM reports r WHERE r.incident_id = incidents.id AND r.stage = 'final'",
    );
    insert(
        conn,
        "INSERT INTO meetings (number, held_on, created_at) VALUES ",
        1..=500,
        |m| {
            let d = day((m - 1) * DAYS / 500);
            Some(format!("({m}, '{d}', '{d} 10:00:00')"))
        },
    );
    let cases = sizes.cases();
    insert(
        conn,
        "INSERT INTO cases (title, summary, occurred_from, occurred_to, status, as_of, published, \
         problem, response_policy, created_at, updated_at) VALUES ",
        1..=cases,
        |c| {
            let g = c * 20;
            let d = sizes.received(g);
            let status = if d > day(DAYS - 120) {
                ["open", "investigating"][c as usize % 2]
            } else {
                "closed"
            };
            let published = if c % 20 == 0 { "TRUE" } else { "FALSE" };
            Some(format!(
                "('{}の事案（{c}）', '{}', '{d}', '{d}', '{status}', '{d}', {published}, \
                 '安全管理措置に不備があった。', '報告徴収により事実関係を確認する。', '{d} 11:00:00', '{d} 11:00:00')",
                pick(&WHAT, g, 64),
                summary(g)
            ))
        },
    );
    insert(
        conn,
        "INSERT INTO case_incidents (case_id, incident_id, created_at) VALUES ",
        1..=cases * 3,
        |i| {
            let (c, k) = ((i - 1) / 3 + 1, (i - 1) % 3);
            (k <= c % 3).then(|| format!("({c}, {}, '{NOW}')", c * 20 - k))
        },
    );
    insert(
        conn,
        "INSERT INTO case_entities (case_id, organization_id, role, focus_points, created_at) VALUES ",
        1..=cases * 2,
        |i| {
            let (c, k) = ((i - 1) / 2 + 1, (i - 1) % 2);
            let originator = organization(c * 20);
            if k == 0 {
                Some(format!(
                    "({c}, {originator}, 'originator', '委託先の監督', '{NOW}')"
                ))
            } else {
                let contractor = 1 + (c * 104_729) % ORGANIZATIONS;
                (c % 3 == 0 && contractor != originator)
                    .then(|| format!("({c}, {contractor}, 'contractor', NULL, '{NOW}')"))
            }
        },
    );
    insert(
        conn,
        "INSERT INTO actions (kind, regime, organization_id, case_id, incident_id, started_on, \
         ended_on, due_on, performed_by, meeting_id, published, complied, imminent_harm, \
         recommendation_id, notes, created_at, updated_at, answered_on) VALUES ",
        1..=sizes.actions(),
        |a| {
            let g = a * 5 - 2;
            let kind = match a % 1000 {
                0..600 => "report_collection",
                600..950 => "guidance",
                950..992 => "onsite_inspection",
                _ => "recommendation",
            };
            let started = sizes.received(g) + chrono::Duration::days(10);
            let open = started > day(DAYS - 60);
            let ended = if open {
                "NULL".to_string()
            } else {
                format!("'{}'", started + chrono::Duration::days(20))
            };
            let (due, answered) = if kind == "report_collection" {
                (
                    format!("'{}'", started + chrono::Duration::days(14)),
                    ended.clone(),
                )
            } else {
                ("NULL".to_string(), "NULL".to_string())
            };
            let case = if a % 2 == 0 && g / 20 >= 1 {
                (g / 20).to_string()
            } else {
                "NULL".into()
            };
            let meeting = if kind == "recommendation" {
                (1 + (started - day(0)).num_days() * 500 / (DAYS + 1))
                    .min(500)
                    .to_string()
            } else {
                "NULL".into()
            };
            Some(format!(
                "('{kind}', '{}', {}, {case}, {g}, '{started}', {ended}, {due}, 'commission', \
                 {meeting}, FALSE, NULL, FALSE, NULL, NULL, '{started} 12:00:00', '{started} 12:00:00', {answered})",
                regime(g),
                organization(g)
            ))
        },
    );
    let consultations = sizes.consultations();
    insert(
        conn,
        "INSERT INTO consultations (desk, class, received_on, summary, advice, \
         referred_to_supervision, organization_id, case_id, created_at, updated_at) VALUES ",
        1..=consultations,
        |k| {
            let d = day((k - 1) * DAYS / consultations);
            let desk = ["private", "private", "private", "public", "my_number"][k as usize % 5];
            let class = ["complaint", "question", "question", "other"][(mix(k) % 4) as usize];
            Some(format!(
                "('{desk}', '{class}', '{d}', '{}についての相談', '制度を説明した。', FALSE, NULL, NULL, '{d} 13:00:00', '{d} 13:00:00')",
                pick(&WHAT, k, 64)
            ))
        },
    );
    insert(
        conn,
        "INSERT INTO mediations (consultation_id, applied_on, entity_identifiable, applicant_is_party, \
         other_procedure_pending, seeks_compensation_or_apology, status, started_on, closed_on, \
         outcome, created_at, updated_at) VALUES ",
        1..=sizes.mediations(),
        |m| {
            let k = m * 100;
            let d = day((k - 1) * DAYS / consultations);
            let started = d + chrono::Duration::days(7);
            let closed = d + chrono::Duration::days(60);
            Some(format!(
                "({k}, '{d}', TRUE, TRUE, FALSE, FALSE, 'closed', '{started}', '{closed}', 'resolved', '{d} 13:00:00', '{closed} 13:00:00')"
            ))
        },
    );
    insert(
        conn,
        "INSERT INTO outbox (kind, recipient, subject, body, entity_type, entity_id, status, attempts, \
         next_attempt_at, sent_at, created_at) VALUES ",
        1..=sizes.mail(),
        |o| {
            let g = o * 20;
            let d = sizes.received(g);
            Some(format!(
                "('receipt', 'dpo{}@example.jp', '【受付】漏えい等報告', '報告を受け付けました。', 'report', {g}, 'sent', 1, \
                 '{d} 10:00:00', '{d} 10:00:01', '{d} 10:00:00')",
                organization(g)
            ))
        },
    );
    const AUDIT: [(&str, &str); 8] = [
        ("create", "report"),
        ("create", "incident"),
        ("read", "report"),
        ("read", "case"),
        ("update", "case"),
        ("create", "action"),
        ("review", "report"),
        ("deliver", "outbox"),
    ];
    insert(
        conn,
        "INSERT INTO audit_log (occurred_at, actor_user_id, actor, request_id, action, entity_type, \
         entity_id, changes) VALUES ",
        1..=sizes.audit(),
        |i| {
            let g = (i + 1) / 2;
            let (action, entity) = AUDIT[(mix(i) % 8) as usize];
            Some(format!(
                "('{} 10:00:00', NULL, 'staff@bench.example.jp', NULL, '{action}', '{entity}', {g}, \
                 '{{\"summary\":\"{}\"}}')",
                sizes.received(g),
                pick(&WHAT, g, 64)
            ))
        },
    );
    reports
}

fn main() {
    let incidents: i64 = std::env::var("BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let sizes = Sizes { incidents };
    let config = Config::load().expect("configuration");
    let db = Db::connect(&config.database).expect("database");
    db.run_migrations().expect("migrations");
    let started = Instant::now();
    let reports = db
        .read_blocking(move |conn| Ok(generate(conn, sizes)))
        .expect("generate");
    let generated = started.elapsed();
    let started = Instant::now();
    leakdesk::index::entries::reindex(&db, &Actor::cli("bench")).expect("reindex");
    let reindexed = started.elapsed();
    // The pages of one record: records in the middle (the related lookup's report a preliminary
    // one naming a contractor).
    let incident = incidents / 2 + 3;
    let backend = db.backend();
    let report: i64 = db
        .read_blocking(move |conn| {
            use diesel::prelude::*;
            use leakdesk::db::schema::reports;
            // What autovacuum keeps in service: statistics and the visibility map.
            execute(
                conn,
                if backend == leakdesk::db::Backend::Postgres {
                    "VACUUM ANALYZE"
                } else {
                    "ANALYZE"
                },
            );
            Ok(reports::table
                .filter(reports::incident_id.eq(incident))
                .filter(reports::stage.eq("preliminary"))
                .select(reports::id)
                .first(conn)?)
        })
        .expect("a report");
    let mut line = String::new();
    write!(
        line,
        "BENCHDATA incidents={incidents} reports={reports} generate_s={:.0} reindex_s={:.0} \
         report={report} incident={incident} case={} action={} consultation={} mediation={} organization=1 entity={}",
        generated.as_secs_f64(),
        reindexed.as_secs_f64(),
        sizes.cases() / 2,
        sizes.actions() / 2,
        sizes.mediations() / 2 * 100,
        sizes.mediations() / 2,
        organization(sizes.cases() / 2 * 20),
    )
    .unwrap();
    println!("{line}");
}
