//! The statistics benchmark of `bench/run` (docs/performance.md): on the PostgreSQL database of
//! `DATABASE_URL` (migrated, otherwise empty), generates ten fiscal years of records in SQL —
//! 5M incidents, 1M actions, 5M consultations with their categories — then times the product's
//! half-year supervision summary and quarterly hotline summary (`stats::store`, the code the API
//! runs) against the simplest correct hand-written SQL for the same figures, in this process on
//! the same data, and checks that both give the same figures.
//! Prints `STATS summary_ms=… sql_ms=… summary_vs_sql=…`.

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use diesel::sql_types::{BigInt, Date, Text};
use leakdesk::config::Config;
use leakdesk::db::{Db, DbConnection};
use leakdesk::domain::periods::Period;
use leakdesk::error::AppError;
use leakdesk::stats::store;

const INCIDENTS: i64 = 5_000_000;
const ACTIONS: i64 = 1_000_000;
const CONSULTATIONS: i64 = 5_000_000;
const ORGANIZATIONS: i64 = 20_000;
/// Days from 2015-04-01: fiscal years 2015 to 2024.
const DAYS: i64 = 3653;
/// Rounds timed; even, so that each side goes first in half of them (the side that goes second
/// reads pages the first just brought into the caches).
const ROUNDS: usize = 6;

fn execute(conn: &mut DbConnection, sql: &str) {
    diesel::sql_query(sql)
        .execute(conn)
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
}

fn generate(db: &Db) {
    db.read_blocking(|conn| {
        let started = Instant::now();
        execute(
            conn,
            &format!(
                "INSERT INTO organizations (name, kind, created_at, updated_at)
             SELECT 'org ' || g, (ARRAY['business','business','business','local_government',
                    'national_agency','incorporated_agency'])[1 + g % 6], now(), now()
             FROM generate_series(1::bigint, {ORGANIZATIONS}) g"
            ),
        );
        // Regimes appi ×3, appi_public, my_number; a tenth of appi (g % 10 = 0) delegated.
        execute(
            conn,
            &format!(
                "INSERT INTO incidents (organization_id, regime, first_received_on, received_via,
               aware_on, computed_mandatory, mandatory, serious, grounds, preliminary_due_on,
               final_due_on, created_at, updated_at)
             SELECT 1 + (g * 7919) % {ORGANIZATIONS},
                    (ARRAY['appi','appi','appi','appi_public','my_number'])[1 + g % 5], d,
                    CASE WHEN g % 10 = 0 THEN 'delegated' ELSE 'direct' END, d - 2,
                    g % 3 = 0, g % 3 = 0, g % 5 = 4 AND g % 3 = 0, '', d + 2, d + 28, now(), now()
             FROM (SELECT g, DATE '2015-04-01' + (g % {DAYS})::int AS d
                   FROM generate_series(1::bigint, {INCIDENTS}) g) s"
            ),
        );
        // Kinds rc, insp, guidance ×2, rc, recommendation; regimes appi, appi_public,
        // my_number; g % 12 = 0 (appi report collections) by a delegated minister.
        execute(
            conn,
            &format!(
                "INSERT INTO actions (kind, regime, organization_id, started_on, performed_by,
               published, imminent_harm, created_at, updated_at)
             SELECT (ARRAY['report_collection','onsite_inspection','guidance','guidance',
                    'report_collection','recommendation'])[1 + g % 6],
                    (ARRAY['appi','appi_public','my_number'])[1 + g % 3],
                    1 + (g * 104729) % {ORGANIZATIONS}, DATE '2015-04-01' + (g % {DAYS})::int,
                    CASE WHEN g % 12 = 0 THEN 'delegated_minister' ELSE 'commission' END,
                    false, false, now(), now()
             FROM generate_series(1::bigint, {ACTIONS}) g"
            ),
        );
        execute(
            conn,
            &format!(
                "INSERT INTO consultations (desk, class, received_on, referred_to_supervision,
               created_at, updated_at)
             SELECT (ARRAY['private','private','private','public','my_number'])[1 + g % 5],
                    (ARRAY['complaint','question','question','other'])[1 + g % 4],
                    DATE '2015-04-01' + (g % {DAYS})::int, false, now(), now()
             FROM generate_series(1::bigint, {CONSULTATIONS}) g"
            ),
        );
        execute(
            conn,
            "INSERT INTO consultation_category_links (consultation_id, category_id, received_on,
               class)
             SELECT c.id, cats.ids[1 + (c.id % array_length(cats.ids, 1))::int], c.received_on,
                    c.class
             FROM consultations c
             JOIN (SELECT desk, array_agg(id ORDER BY id) AS ids FROM consultation_categories
                   GROUP BY desk) cats ON cats.desk = c.desk
             WHERE c.class <> 'other'",
        );
        execute(conn, "VACUUM ANALYZE");
        eprintln!("generated in {:.1}s", started.elapsed().as_secs_f64());
        Ok(())
    })
    .expect("generate the records");
}

#[derive(diesel::QueryableByName, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Row {
    #[diesel(sql_type = Text)]
    a: String,
    #[diesel(sql_type = Text)]
    b: String,
    #[diesel(sql_type = Text)]
    c: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = BigInt)]
    m: i64,
}

/// The same figures, written by hand: each table scanned once per period, grouped.
fn hand_written(conn: &mut DbConnection, half: Period, quarter: Period) -> Vec<Vec<Row>> {
    let (from, to) = half.bounds();
    let (q_from, q_to) = quarter.bounds();
    let (p_from, p_to) = quarter.previous_fiscal_year().bounds();
    let run = |conn: &mut DbConnection, sql: &str, from, to| -> Vec<Row> {
        let mut rows: Vec<Row> = diesel::sql_query(sql)
            .bind::<Date, _>(from)
            .bind::<Date, _>(to)
            .load(conn)
            .unwrap_or_else(|e| panic!("{e}: {sql}"));
        rows.sort();
        rows
    };
    vec![
        // Leak incidents by regime and route; My Number by entity group, with serious ones.
        run(conn, "SELECT regime AS a, received_via AS b, '' AS c, count(*) AS n, 0::bigint AS m
                   FROM incidents WHERE first_received_on BETWEEN $1 AND $2 GROUP BY 1, 2", from, to),
        run(conn, "SELECT o.kind AS a, '' AS b, '' AS c, count(*) AS n,
                          count(DISTINCT i.organization_id) * 1000000 + count(*) FILTER (WHERE i.serious) AS m
                   FROM incidents i JOIN organizations o ON o.id = i.organization_id
                   WHERE i.regime = 'my_number' AND i.received_via = 'direct'
                     AND i.first_received_on BETWEEN $1 AND $2 GROUP BY 1", from, to),
        run(conn, "SELECT a.kind AS a, a.regime AS b, a.performed_by AS c, count(*) AS n,
                          0::bigint AS m
                   FROM actions a WHERE a.started_on BETWEEN $1 AND $2 GROUP BY 1, 2, 3", from, to),
        run(conn, "SELECT o.kind AS a, '' AS b, '' AS c, count(*) AS n, 0::bigint AS m
                   FROM actions a JOIN organizations o ON o.id = a.organization_id
                   WHERE a.kind = 'onsite_inspection' AND a.regime = 'my_number'
                     AND a.started_on BETWEEN $1 AND $2 GROUP BY 1", from, to),
        run(conn, "SELECT c.desk AS a, '' AS b, '' AS c, count(*) AS n, 0::bigint AS m
                   FROM mediations m JOIN consultations c ON c.id = m.consultation_id
                   WHERE m.started_on BETWEEN $1 AND $2 GROUP BY 1", from, to),
        // The quarter: desk × class, categories, the previous fiscal year, mediations.
        run(conn, "SELECT desk AS a, class AS b, '' AS c, count(*) AS n, 0::bigint AS m
                   FROM consultations WHERE received_on BETWEEN $1 AND $2 GROUP BY 1, 2", q_from, q_to),
        run(conn, "SELECT k.desk AS a, c.class AS b, k.code AS c, count(*) AS n, 0::bigint AS m
                   FROM consultation_category_links l
                   JOIN consultations c ON c.id = l.consultation_id
                   JOIN consultation_categories k ON k.id = l.category_id
                   WHERE c.received_on BETWEEN $1 AND $2 GROUP BY 1, 2, 3", q_from, q_to),
        run(conn, "SELECT desk AS a, class AS b, '' AS c, count(*) AS n, 0::bigint AS m
                   FROM consultations WHERE received_on BETWEEN $1 AND $2 GROUP BY 1, 2", p_from, p_to),
        run(conn, "SELECT c.desk AS a, '' AS b, '' AS c,
                          count(*) FILTER (WHERE m.applied_on BETWEEN $1 AND $2) AS n,
                          count(*) FILTER (WHERE m.started_on BETWEEN $1 AND $2) AS m
                   FROM mediations m JOIN consultations c ON c.id = m.consultation_id
                   GROUP BY 1", q_from, q_to),
    ]
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    let middle = times.len() / 2;
    if times.len().is_multiple_of(2) {
        (times[middle - 1] + times[middle]) / 2
    } else {
        times[middle]
    }
}

fn main() {
    let config = Config::load().expect("configuration");
    let db = Db::connect(&config.database).expect("the database");
    let present: i64 = db
        .read_blocking(|conn| {
            #[derive(diesel::QueryableByName)]
            struct Count {
                #[diesel(sql_type = BigInt)]
                n: i64,
            }
            Ok(diesel::sql_query("SELECT count(*) AS n FROM incidents")
                .get_result::<Count>(conn)?
                .n)
        })
        .expect("count incidents");
    if present < INCIDENTS {
        generate(&db);
    }
    let half = Period::Half(2024, 1);
    let quarter = Period::Quarter(2024, 1);
    db.read_blocking(|conn| {
        // Same figures both ways (spot checks of the sums each side adds up).
        let activity = store::activity(conn, half)?;
        let hotline = store::hotline(conn, quarter)?;
        let sql = hand_written(conn, half, quarter);
        let appi_direct: i64 = sql[0]
            .iter()
            .filter(|r| r.a == "appi" && r.b == "direct")
            .map(|r| r.n)
            .sum();
        assert_eq!(activity.appi.leak_reports, appi_direct as u64, "APPI leak reports");
        let my_number: i64 = sql[1].iter().map(|r| r.n).sum();
        assert_eq!(activity.my_number.leak_reports.total.reports, my_number as u64);
        let serious: i64 = sql[1].iter().map(|r| r.m % 1_000_000).sum();
        assert_eq!(activity.my_number.leak_reports.total.serious, serious as u64);
        let quarter_total: i64 = sql[5].iter().map(|r| r.n).sum();
        assert_eq!(hotline.total.all, quarter_total as u64, "consultations in the quarter");
        // Every category count: the product reads the links' copies of date and class, the
        // hand-written SQL the consultations' own.
        for row in &sql[6] {
            let desk = match row.a.as_str() {
                "private" => &hotline.desks.private,
                "public" => &hotline.desks.public,
                _ => &hotline.desks.my_number,
            };
            assert_eq!(
                desk.categories[&row.b][&row.c], row.n as u64,
                "{} {} {}", row.a, row.b, row.c
            );
        }
        eprintln!(
            "figures agree: FY2024-H1 APPI leak reports {}, My Number {} ({} serious); FY2024-Q1 consultations {}, {} category counts",
            activity.appi.leak_reports,
            activity.my_number.leak_reports.total.reports,
            activity.my_number.leak_reports.total.serious,
            hotline.total.all,
            sql[6].len()
        );

        let mut product = Vec::new();
        let mut hand = Vec::new();
        for round in 0..ROUNDS {
            let mut time_product = |conn: &mut DbConnection| -> Result<(), AppError> {
                let started = Instant::now();
                store::activity(conn, half)?;
                store::hotline(conn, quarter)?;
                product.push(started.elapsed());
                Ok(())
            };
            let mut time_hand = |conn: &mut DbConnection| {
                let started = Instant::now();
                hand_written(conn, half, quarter);
                hand.push(started.elapsed());
            };
            if round.is_multiple_of(2) {
                time_product(conn)?;
                time_hand(conn);
            } else {
                time_hand(conn);
                time_product(conn)?;
            }
        }
        let (product, hand) = (median(product), median(hand));
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "STATS summary_ms={:.0} sql_ms={:.0} summary_vs_sql={:.2}",
            ms(product),
            ms(hand),
            ms(product) / ms(hand)
        );
        Ok(())
    })
    .expect("time the summaries");
}
