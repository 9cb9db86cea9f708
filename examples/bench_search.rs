//! The data of `bench/search` (docs/performance.md): on the database of `DATABASE_URL` (migrated,
//! otherwise empty; PostgreSQL or SQLite), writes `BENCH_INCIDENTS` incidents (default 1,000,000)
//! over ten years, each with its preliminary report and seven in ten with a final one, from
//! 20,000 organizations — summaries composed from the words real leak reports use (who, what,
//! in what, what happened, where), a tenth naming a contractor — in multi-row SQL, then builds
//! the search index with the product's own rebuild (`leakdesk search reindex`).
//! Prints `SEARCHDATA incidents=… reports=… generate_s=… reindex_s=… report=…` (`report`: a
//! report in the middle, for the related lookup).

use std::fmt::Write;
use std::time::Instant;

use diesel::RunQueryDsl;
use leakdesk::config::Config;
use leakdesk::db::{Actor, Db, DbConnection};

const ORGANIZATIONS: i64 = 20_000;
/// Days from 2015-04-01: ten years.
const DAYS: i64 = 3653;
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

fn date(g: i64) -> String {
    let day = chrono::NaiveDate::from_ymd_opt(2015, 4, 1).unwrap()
        + chrono::Duration::days((g * 7919) % DAYS);
    day.format("%Y-%m-%d").to_string()
}

fn execute(conn: &mut DbConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {:.300}", sql));
}

fn main() {
    let incidents: i64 = std::env::var("BENCH_INCIDENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let config = Config::load().expect("configuration");
    let db = Db::connect(&config.database).expect("database");
    db.run_migrations().expect("migrations");
    let started = Instant::now();
    let mut reports = 0;
    db.read_blocking(|conn| {
        let now = "2026-01-01 00:00:00";
        let mut sql = String::new();
        for from in (1..=ORGANIZATIONS).step_by(BATCH as usize) {
            sql.clear();
            sql.push_str(
                "INSERT INTO organizations (name, kind, contact_email, created_at, updated_at) VALUES ",
            );
            for g in from..(from + BATCH).min(ORGANIZATIONS + 1) {
                let kind = ["business", "business", "business", "local_government"][g as usize % 4];
                let name = if kind == "business" {
                    format!("株式会社サンプル{g}")
                } else {
                    format!("サンプル市{g}")
                };
                let comma = if g == from { "" } else { "," };
                write!(sql, "{comma}('{name}', '{kind}', 'dpo{g}@example.jp', '{now}', '{now}')")
                    .unwrap();
            }
            execute(conn, &sql);
        }
        for from in (1..=incidents).step_by(BATCH as usize) {
            let to = (from + BATCH).min(incidents + 1);
            sql.clear();
            sql.push_str(
                "INSERT INTO incidents (organization_id, regime, first_received_on, received_via, \
                 aware_on, computed_mandatory, mandatory, serious, grounds, preliminary_due_on, \
                 final_due_on, created_at, updated_at) VALUES ",
            );
            for g in from..to {
                let d = date(g);
                let comma = if g == from { "" } else { "," };
                write!(
                    sql,
                    "{comma}({}, 'appi', '{d}', 'direct', '{d}', TRUE, TRUE, FALSE, '', '{d}', '{d}', '{now}', '{now}')",
                    1 + (g * 7919) % ORGANIZATIONS
                )
                .unwrap();
            }
            execute(conn, &sql);
            // The preliminary report of each, then the final of seven in ten.
            for stage in ["preliminary", "final"] {
                sql.clear();
                sql.push_str(
                    "INSERT INTO reports (incident_id, organization_id, regime, stage, \
                     preliminary_report_id, aware_on, received_on, summary, data_items, \
                     persons_affected, persons_estimated, cause, sensitive_data, \
                     financial_damage_risk, unlawful_purpose, ordinance_sensitive, network_system, \
                     publicly_viewable, strongly_encrypted, contractor_organization_id, \
                     received_via, grounds, created_at, version, review_status) VALUES ",
                );
                let mut first = true;
                for g in from..to {
                    if stage == "final" && g % 10 >= 7 {
                        continue;
                    }
                    let d = date(g);
                    let organization = 1 + (g * 7919) % ORGANIZATIONS;
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
                    let summary = if stage == "final" {
                        format!("{}原因は管理の不備であった。", summary(g))
                    } else {
                        summary(g)
                    };
                    let comma = if first { "" } else { "," };
                    first = false;
                    write!(
                        sql,
                        "{comma}({g}, {organization}, 'appi', '{stage}', NULL, '{d}', '{d}', '{summary}', \
                         '{items}', {}, FALSE, 'loss', FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, FALSE, \
                         {contractor}, 'direct', '', '{now}', 1, 'received')",
                        10 + (g * 37) % 990
                    )
                    .unwrap();
                    reports += 1;
                }
                if !first {
                    execute(conn, &sql);
                }
            }
        }
        Ok(())
    })
    .expect("generate");
    let generated = started.elapsed();
    let started = Instant::now();
    leakdesk::search::index::reindex(&db, &Actor::cli("bench")).expect("reindex");
    let reindexed = started.elapsed();
    // The related lookup's report: a preliminary one naming a contractor, in the middle.
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
    println!(
        "SEARCHDATA incidents={incidents} reports={reports} generate_s={:.0} reindex_s={:.0} report={}",
        generated.as_secs_f64(),
        reindexed.as_secs_f64(),
        report
    );
}
