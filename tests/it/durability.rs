//! Never losing an acknowledged report: under sustained concurrent intake, SIGTERM lets requests
//! in flight finish and kill -9 loses nothing answered 201 (every write commits before the answer);
//! and two instances on one PostgreSQL hand out unique references and honour one another's
//! idempotency keys.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::process::{Server, http};

on_both_backends!(
    sigterm_under_load_loses_no_acknowledged_report,
    kill_9_under_load_loses_no_acknowledged_report
);

fn report_body(org: i64) -> String {
    json!({
        "organization_id": org, "regime": "appi", "stage": "preliminary", "aware_on": "2025-04-01",
        "summary": "負荷試験", "data_items": ["氏名"], "persons_affected": 1, "cause": "loss",
        "sensitive_data": false, "financial_damage_risk": false, "unlawful_purpose": false
    })
    .to_string()
}

/// Files reports from `clients` threads until the server stops answering; returns the ids of
/// every report answered 201.
fn sustained_intake(
    address: &str,
    token: &str,
    org: i64,
    clients: usize,
    stop: Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<Vec<i64>>> {
    (0..clients)
        .map(|_| {
            let (address, token, stop) = (address.to_owned(), token.to_owned(), stop.clone());
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                let auth = format!("Bearer {token}");
                while !stop.load(Ordering::Relaxed) {
                    match http(
                        &address,
                        "POST",
                        "/api/v1/reports",
                        &[("Authorization", &auth)],
                        Some(&report_body(org)),
                    ) {
                        Ok((201, body)) => {
                            let answer: Value = serde_json::from_str(&body).unwrap();
                            acknowledged.push(answer["id"].as_i64().unwrap());
                        }
                        Ok((status, body)) if status >= 500 => panic!("{status}: {body}"),
                        Ok(_) => {}
                        // The server has gone (or is going): stop.
                        Err(_) => break,
                    }
                }
                acknowledged
            })
        })
        .collect()
}

async fn crash_under_load(app: TestApp, signal: &str) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "負荷試験株式会社", "business")
        .await;
    let token = app.user(Role::Reporter, Some(org));
    let mut server = Server::start(&app, &[]);
    let stop = Arc::new(AtomicBool::new(false));
    let clients = sustained_intake(&server.address, &token, org, 6, stop.clone());
    std::thread::sleep(Duration::from_millis(1500));
    server.signal(signal);
    let status = server.wait();
    stop.store(true, Ordering::Relaxed);
    let acknowledged: Vec<i64> = clients
        .into_iter()
        .flat_map(|c| c.join().unwrap())
        .collect();
    assert!(
        acknowledged.len() >= 10,
        "only {} reports were filed under load",
        acknowledged.len()
    );
    if signal == "TERM" {
        assert!(status.success(), "a graceful stop exits 0: {status}");
    }
    let ids = acknowledged
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        app.count(&format!("reports WHERE id IN ({ids})")) as usize,
        acknowledged.len(),
        "every report answered 201 is in the database after {signal}"
    );
}

async fn sigterm_under_load_loses_no_acknowledged_report(app: TestApp) {
    crash_under_load(app, "TERM").await;
}

async fn kill_9_under_load_loses_no_acknowledged_report(app: TestApp) {
    crash_under_load(app, "KILL").await;
}

/// Several instances share one PostgreSQL (SQLite serves one instance).
#[actix_web::test]
async fn two_instances_on_one_postgres_share_references_and_keys() {
    let Some(app) = TestApp::postgres() else {
        return;
    };
    let staff = app.staff();
    let org = app
        .organization(&staff, "二重稼働株式会社", "business")
        .await;
    let token = app.user(Role::Reporter, Some(org));
    let servers = [Server::start(&app, &[]), Server::start(&app, &[])];
    let answers = Arc::new(Mutex::new(Vec::new()));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let address = servers[i % 2].address.clone();
            let (token, answers) = (token.clone(), answers.clone());
            std::thread::spawn(move || {
                let auth = format!("Bearer {token}");
                for n in 0..6 {
                    // Every thread retries key `shared-N` on both instances at once.
                    let key = format!("shared-{n}");
                    let (status, body) = http(
                        &address,
                        "POST",
                        "/api/v1/reports",
                        &[("Authorization", &auth), ("Idempotency-Key", &key)],
                        Some(&report_body(org)),
                    )
                    .unwrap();
                    assert_eq!(status, 201, "{body}");
                    answers.lock().unwrap().push((key, body));
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let answers = answers.lock().unwrap();
    assert_eq!(answers.len(), 48);
    for n in 0..6 {
        let key = format!("shared-{n}");
        let bodies: std::collections::HashSet<&String> = answers
            .iter()
            .filter(|(k, _)| *k == key)
            .map(|(_, body)| body)
            .collect();
        assert_eq!(bodies.len(), 1, "one answer for {key} from both instances");
    }
    assert_eq!(app.count("reports"), 6, "one report per key");
    let references: std::collections::HashSet<String> = answers
        .iter()
        .map(|(_, body)| {
            serde_json::from_str::<Value>(body).unwrap()["reference"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        references.len(),
        6,
        "six incidents, six distinct references"
    );
    let _ = &servers;
}
