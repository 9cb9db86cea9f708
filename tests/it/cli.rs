//! The `leakdesk` binary itself: `migrate`, `user add` (token as the last line), and `serve`
//! answering over real HTTP and stopping gracefully on SIGTERM — on both backends.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::process::{Server, http};

on_both_backends!(
    migrate_applies_once,
    user_add_prints_a_working_token_last,
    user_add_refuses_bad_input_and_creates_nothing,
    user_add_reads_a_password_from_stdin,
    serve_answers_http_and_stops_on_sigterm,
    import_loads_a_whole_file_with_its_chains,
    import_of_many_rows_indexes_and_audits_every_row_in_order,
    import_refuses_a_file_with_any_bad_row_and_writes_nothing,
    import_reads_excels_shift_jis_with_japanese_headings_and_era_dates,
    import_reads_a_sheet_of_an_xlsx_workbook_and_never_its_formulas,
    import_refuses_a_fifty_mebibyte_field_and_writes_nothing,
    import_registers_organizations_from_a_shift_jis_list,
    import_records_past_actions_under_the_rules_of_the_law,
    tokens_are_issued_and_revoked_from_the_command_line,
);

async fn tokens_are_issued_and_revoked_from_the_command_line(app: TestApp) {
    let first = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "ops@example.jp",
            "--role",
            "staff",
        ],
        None,
    );
    let first = stdout(&first).lines().last().unwrap().trim().to_owned();
    let output = run(&app, &["token", "issue", "--email", "OPS@example.jp"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    let second = stdout(&output).lines().last().unwrap().trim().to_owned();
    assert_ne!(first, second);
    for token in [&first, &second] {
        app.get("/api/v1/organizations", token)
            .await
            .assert_status(200);
    }
    let output = run(
        &app,
        &["token", "revoke", "--email", "ops@example.jp"],
        None,
    );
    assert!(
        stdout(&output).contains("revoked 2 token(s)"),
        "{}",
        stdout(&output)
    );
    for token in [&first, &second] {
        app.get("/api/v1/organizations", token)
            .await
            .assert_status(401);
    }
    let output = run(
        &app,
        &["token", "revoke", "--email", "nobody@example.jp"],
        None,
    );
    assert!(!output.status.success());
    assert!(stderr(&output).contains("email"), "{}", stderr(&output));
    assert_eq!(app.count("audit_log WHERE action = 'revoke_tokens'"), 1);
}

fn leakdesk(app: &TestApp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_leakdesk"));
    command
        .env("DATABASE_URL", &app.url)
        .env("RUST_LOG", "warn")
        .env_remove("LEAKDESK_CONFIG");
    command
}

pub(crate) fn run(app: &TestApp, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = leakdesk(app)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run leakdesk");
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

async fn migrate_applies_once(app: TestApp) {
    // The harness migrated already: the command finds nothing pending and says so.
    let output = run(&app, &["migrate"], None);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with("0 migration(s) applied"),
        "{}",
        stdout(&output)
    );
}

async fn user_add_prints_a_working_token_last(app: TestApp) {
    let output = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "Staff@Example.JP",
            "--role",
            "staff",
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let token = text.lines().last().unwrap().trim().to_owned();
    assert!(token.starts_with("ldk_"), "{text}");
    assert!(
        text.contains("staff@example.jp"),
        "e-mail is stored lower-case: {text}"
    );
    app.get("/api/v1/organizations", &token)
        .await
        .assert_status(200);

    let org = app.organization(&token, "報告者の法人", "business").await;
    let output = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "r@example.jp",
            "--role",
            "reporter",
            "--organization",
            &org.to_string(),
        ],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let reporter = stdout(&output).lines().last().unwrap().trim().to_owned();
    app.get(&format!("/api/v1/organizations/{org}"), &reporter)
        .await
        .assert_status(200);
    // The token is stored only as a hash.
    assert_eq!(
        app.count(&format!("api_tokens WHERE token_hash = '{reporter}'")),
        0
    );
}

async fn user_add_refuses_bad_input_and_creates_nothing(app: TestApp) {
    let cases: [(&[&str], &str); 5] = [
        (
            &["--email", "r@example.jp", "--role", "reporter"],
            "organization",
        ),
        (
            &[
                "--email",
                "s@example.jp",
                "--role",
                "staff",
                "--organization",
                "1",
            ],
            "organization",
        ),
        (
            &[
                "--email",
                "r@example.jp",
                "--role",
                "reporter",
                "--organization",
                "4242",
            ],
            "organization",
        ),
        (&["--email", "not-an-address", "--role", "staff"], "email"),
        (&["--email", "x@example.jp", "--role", "superuser"], "role"),
    ];
    for (args, field) in cases {
        let mut full = vec!["user", "add"];
        full.extend_from_slice(args);
        let output = run(&app, &full, None);
        assert!(!output.status.success(), "{args:?} must fail");
        assert!(
            stderr(&output).contains(field),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(!stdout(&output).contains("ldk_"), "no token printed");
    }
    let first = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "dup@example.jp",
            "--role",
            "staff",
        ],
        None,
    );
    assert!(first.status.success());
    let again = run(
        &app,
        &[
            "user",
            "add",
            "--email",
            "DUP@example.jp",
            "--role",
            "admin",
        ],
        None,
    );
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("already exists"),
        "{}",
        stderr(&again)
    );
    assert_eq!(app.count("users"), 1);
    assert_eq!(app.count("api_tokens"), 1);
}

async fn user_add_reads_a_password_from_stdin(app: TestApp) {
    let args = [
        "user",
        "add",
        "--email",
        "web@example.jp",
        "--role",
        "staff",
        "--password-stdin",
    ];
    let short = run(&app, &args, Some("short\n"));
    assert!(!short.status.success());
    assert!(stderr(&short).contains("password"), "{}", stderr(&short));
    assert_eq!(app.count("users"), 0);

    let output = run(&app, &args, Some("a long enough passphrase\n"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !stdout(&output).contains("passphrase"),
        "the password is never echoed"
    );
    assert_eq!(
        app.count("users WHERE password_hash LIKE '$argon2id$%'"),
        1,
        "stored as an argon2id hash"
    );
    let stored: Vec<String> = app
        .db
        .read_blocking(|conn| {
            use diesel::prelude::*;
            use leakdesk::db::schema::users;
            Ok(users::table
                .select(users::password_hash.assume_not_null())
                .load(conn)?)
        })
        .unwrap();
    let password = leakdesk::auth::secrets::Secret::new("a long enough passphrase".into());
    assert!(leakdesk::auth::secrets::verify_password(
        &password, &stored[0]
    ));
    let audit = app.count("audit_log WHERE changes LIKE '%argon2%' OR changes LIKE '%passphrase%'");
    assert_eq!(audit, 0, "no secret reaches the audit trail");
}

async fn serve_answers_http_and_stops_on_sigterm(app: TestApp) {
    let mut server = Server::start(&app, &[]);
    let (status, body) = http(&server.address, "GET", "/health", &[], None).unwrap();
    assert_eq!(status, 200, "{body}");
    let backend = if app.url.starts_with("postgres") {
        "postgres"
    } else {
        "sqlite"
    };
    assert!(
        body.contains(&format!("\"database\":\"{backend}\"")),
        "{body}"
    );
    let (_, document) = http(&server.address, "GET", "/openapi.json", &[], None).unwrap();
    assert!(document.contains("\"openapi\""));
    server.signal("TERM");
    let status = server.wait();
    assert!(status.success(), "a graceful stop exits 0, got {status}");
}

const IMPORT_HEADER: &str = "organization_id,regime,stage,preliminary_row,aware_on,occurred_on,\
received_on,summary,data_items,persons_affected,cause,sensitive_data,financial_damage_risk,\
unlawful_purpose,received_via";

fn write_csv(rows: &[String]) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{IMPORT_HEADER}").unwrap();
    for row in rows {
        writeln!(file, "{row}").unwrap();
    }
    file
}

/// `leakdesk import reports FILE`, which must succeed: what it printed.
fn import_reports(app: &TestApp, file: &tempfile::NamedTempFile) -> String {
    let output = run(
        app,
        &["import", "reports", file.path().to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

async fn import_loads_a_whole_file_with_its_chains(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社過去分", "business").await;
    let file = write_csv(&[
        format!(
            "{org},appi,preliminary,,2019-05-07,2019-05-01,2019-05-08,\"誤送信, 顧客宛\",氏名|メールアドレス,1200,misdelivery_email,false,false,false,direct"
        ),
        format!(
            "{org},appi,final,1,2019-05-07,2019-05-01,2019-06-03,誤送信の確報,氏名|メールアドレス,1180,misdelivery_email,false,false,false,"
        ),
        format!(
            "{org},appi,preliminary,,2019-07-01,,2019-07-02,委任先経由,氏名,5,loss,no,no,no,delegated"
        ),
    ]);
    let printed = import_reports(&app, &file);
    assert!(printed.contains("imported 3 report(s)"), "{printed}");
    assert_eq!(app.count("reports"), 3);
    assert_eq!(
        app.count("incidents"),
        2,
        "the final joined its preliminary's incident"
    );
    let complete = app.get("/api/v1/incidents?status=complete", &staff).await;
    assert_eq!(complete.body["total"], 1);
    assert_eq!(complete.body["items"][0]["first_received_on"], "2019-05-08");
    assert!(
        complete.body["items"][0]["reference"]
            .as_str()
            .unwrap()
            .starts_with("LR-2019-")
    );
    let delegated = app
        .get("/api/v1/incidents?status=awaiting_final", &staff)
        .await;
    assert_eq!(delegated.body["items"][0]["received_via"], "delegated");
    let quoted = app
        .get("/api/v1/reports?stage=preliminary&per_page=1", &staff)
        .await;
    assert_eq!(quoted.body["items"][0]["summary"], "誤送信, 顧客宛");
    // One audit row a report, an import naming its file and row, carrying what it did to its
    // incident (opened it, completed it).
    assert_eq!(app.count("audit_log WHERE actor = 'cli:import reports'"), 3);
    let name = file
        .path()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'import' AND entity_type = 'report' \
             AND changes LIKE '%imported_from%' AND changes LIKE '%\"{name}\"%'"
        )),
        3
    );
    assert_eq!(
        app.count(
            "audit_log WHERE action = 'import' \
             AND (changes LIKE '%\"row\":2}%' OR changes LIKE '%\"row\": 2}%')"
        ),
        1
    );
    assert_eq!(
        app.count("audit_log WHERE actor = 'cli:import reports' AND changes LIKE '%\"opened\"%'"),
        2
    );
    assert_eq!(
        app.count(
            "audit_log WHERE actor = 'cli:import reports' AND changes LIKE '%\"completed\"%'"
        ),
        1
    );
}

/// A file of more rows than an import holds before writing (its audit rows and index rows go a
/// few hundred a statement; its finals find earlier rows' reports and incidents as filed): every
/// row is audited, in the file's order, and found by search; finals complete the incidents of
/// earlier rows, of rows long before them, and of a report filed before the import.
async fn import_of_many_rows_indexes_and_audits_every_row_in_order(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "株式会社大量取込", "business")
        .await;
    let before = write_csv(&[format!(
        "{org},appi,preliminary,,2020-04-01,,2020-04-02,既存の速報,氏名,3,loss,no,no,no,direct"
    )]);
    import_reports(&app, &before);
    let existing = app.query_strings("SELECT CAST(id AS TEXT) AS v FROM reports")[0].clone();

    // Rows 1–800 preliminary; 801–1,100 the finals of rows 1–300; 1,101 the final of the report
    // filed before.
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{IMPORT_HEADER},preliminary_report_id").unwrap();
    for row in 1..=800 {
        writeln!(
            file,
            "{org},appi,preliminary,,2021-01-05,,2021-01-06,取込第{row}号の速報,氏名,{row},loss,no,no,no,direct,"
        )
        .unwrap();
    }
    for row in 801..=1100 {
        let first = row - 800;
        writeln!(
            file,
            "{org},appi,final,{first},2021-01-05,,2021-02-01,取込第{first}号の確報,氏名,{first},loss,no,no,no,,"
        )
        .unwrap();
    }
    writeln!(
        file,
        "{org},appi,final,,2020-04-01,,2020-05-01,既存の速報の確報,氏名,3,loss,no,no,no,,{existing}"
    )
    .unwrap();
    let printed = import_reports(&app, &file);
    assert!(
        printed.contains("imported 1101 report(s) to 801 incident(s)"),
        "{printed}"
    );
    assert_eq!(app.count("reports"), 1102);
    assert_eq!(
        app.count("incidents WHERE final_report_id IS NOT NULL"),
        301
    );
    assert_eq!(app.count("incidents WHERE final_report_id IS NULL"), 500);

    // One audit row a row, in the file's order.
    let rows: Vec<i64> = app
        .query_strings(
            "SELECT changes AS v FROM audit_log WHERE action = 'import' AND entity_type = 'report' \
             ORDER BY id",
        )
        .iter()
        .map(|changes| {
            let changes: Value = serde_json::from_str(changes).unwrap();
            changes["imported_from"]["row"].as_i64().unwrap()
        })
        .collect();
    assert_eq!(rows.len(), 1102);
    assert_eq!(rows[0], 1, "the import before");
    assert_eq!(rows[1..], (1..=1101).collect::<Vec<i64>>()[..]);

    // Every report is in the search index: the first row, one past the first batch, the last.
    assert_eq!(app.count("search_entries WHERE kind = 'report'"), 1102);
    for (query, total) in [
        ("取込第1号の速報", 1),
        ("取込第501号", 1),
        ("既存の速報の確報", 1),
    ] {
        let found = app
            .get(
                &format!(
                    "/api/v1/search?q={}&kind=report",
                    form_urlencoded::byte_serialize(query.as_bytes()).collect::<String>()
                ),
                &staff,
            )
            .await;
        found.assert_status(200);
        assert_eq!(found.body["total"], total, "{query}: {}", found.body);
    }
}

async fn import_refuses_a_file_with_any_bad_row_and_writes_nothing(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社過去分", "business").await;
    let file = write_csv(&[
        format!(
            "{org},appi,preliminary,,2019-05-07,,2019-05-08,正常な行,氏名,10,loss,false,false,false,"
        ),
        format!(
            "{org},appi,preliminary,,2019-05-07,,2019-05-08,,氏名,-3,hackers,false,false,false,"
        ),
        format!(
            "{org},appi,final,9,2019-05-07,,2019-05-20,存在しない行を参照,氏名,10,loss,false,false,false,"
        ),
        "424242,appi,preliminary,,2019-05-07,,2019-05-08,組織なし,氏名,10,loss,false,false,false,"
            .to_owned(),
    ]);
    let output = run(
        &app,
        &["import", "reports", file.path().to_str().unwrap()],
        None,
    );
    assert!(!output.status.success());
    let errors = stderr(&output);
    for expected in [
        "row 2: summary",
        "row 2: persons_affected",
        "row 2: cause",
        "row 3: preliminary_row",
        "row 4: organization_id",
        "3 row(s) refused; nothing was imported",
    ] {
        assert!(errors.contains(expected), "{expected} in {errors}");
    }
    assert!(!errors.contains("row 1"), "the good row is not blamed");
    assert_eq!(app.count("reports"), 0, "the good row was rolled back too");
    assert_eq!(app.count("incidents"), 0);

    let mut bad_header = tempfile::NamedTempFile::new().unwrap();
    writeln!(bad_header, "organization_id,regime,colour").unwrap();
    writeln!(bad_header, "{org},appi,blue").unwrap();
    let output = run(
        &app,
        &["import", "reports", bad_header.path().to_str().unwrap()],
        None,
    );
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("unknown column(s): colour"),
        "{}",
        stderr(&output)
    );
    let output = run(&app, &["import", "reports", "/nonexistent.csv"], None);
    assert!(
        stderr(&output).contains("cannot open"),
        "{}",
        stderr(&output)
    );
}

/// The three reports of the Shift_JIS and workbook tests, as a UTF-8 CSV with the API's names
/// and dates, filed by organization `org`.
fn the_three_reports_in_utf8(org: i64) -> tempfile::NamedTempFile {
    write_csv(&[
        format!(
            "{org},appi,preliminary,,2019-10-01,2019-09-30,2019-10-02,①顧客名簿を紛失した,氏名|住所,1200,loss,false,false,false,direct"
        ),
        format!(
            "{org},appi,final,1,2019-10-01,2019-09-30,2019-10-28,①顧客名簿を紛失した。原因は管理の不備,氏名|住所,1180,loss,false,false,false,"
        ),
        format!(
            "{org},my_number,preliminary,,2019-04-01,,2019-04-02,\"マイナンバー, 誤交付\",個人番号,3,wrong_issuance,true,false,false,"
        ),
    ])
}

/// The reports of an organization, as the facts an import sets.
async fn imported(app: &TestApp, staff: &str, organization: i64) -> Vec<Value> {
    let list = app
        .get(
            &format!("/api/v1/reports?per_page=500&organization_id={organization}"),
            staff,
        )
        .await;
    list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            json!([
                r["stage"],
                r["regime"],
                r["aware_on"],
                r["occurred_on"],
                r["received_on"],
                r["summary"],
                r["data_items"],
                r["persons_affected"],
                r["cause"],
                r["sensitive_data"],
                r["received_via"],
                r["reference"].as_str().map(|_| "LR")
            ])
        })
        .collect()
}

async fn import_reads_excels_shift_jis_with_japanese_headings_and_era_dates(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社和暦", "business").await;
    // As Excel in Japan saves a sheet: Shift_JIS (CP932), CRLF, the form's labels, era dates,
    // choices by their labels, a character only CP932 has (①).
    let sheet = format!(
        "報告者,適用される法令,報告の種類,対応する速報の行,漏えい等を知った日,発生日,受付日,概要,項目,本人の数,原因,要配慮個人情報が含まれる,不正に利用されることにより財産的被害が生じるおそれがある,不正の目的をもって行われたおそれがある,受付経路\r\n\
         {org},個人情報保護法（民間部門）,速報,,令和元年10月1日,R1.9.30,2019/10/2,①顧客名簿を紛失した,氏名、住所,1200,紛失,いいえ,×,なし,委員会に直接\r\n\
         {org},個人情報保護法（民間部門）,確報,1,令和元年10月1日,R1.9.30,令和元年10月28日,①顧客名簿を紛失した。原因は管理の不備,氏名|住所,1180,紛失,いいえ,×,なし,\r\n\
         {org},番号利用法,速報,,平成31年4月1日,,H31.4.2,\"マイナンバー, 誤交付\",個人番号,3,誤交付,はい,無,0,\r\n"
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&sheet);
    assert!(!unmappable);
    let mut excel = tempfile::NamedTempFile::new().unwrap();
    excel.write_all(&bytes).unwrap();
    let path = excel.path().to_str().unwrap();

    // A dry run says what would be imported and writes nothing.
    let dry = run(&app, &["import", "reports", path, "--dry-run"], None);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would import 3 report(s) to 2 incident(s)")
            && stdout(&dry).contains("Shift_JIS")
            && stdout(&dry).contains("nothing was written"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(app.count("reports"), 0);
    assert_eq!(app.count("incidents"), 0);
    assert_eq!(app.count("audit_log WHERE actor = 'cli:import reports'"), 0);

    // Named as UTF-8, the file is refused at its first line.
    let forced = run(
        &app,
        &["import", "reports", path, "--encoding", "utf-8"],
        None,
    );
    assert!(!forced.status.success());
    assert!(
        stderr(&forced).contains("line 1 is not UTF-8"),
        "{}",
        stderr(&forced)
    );
    let unknown = run(
        &app,
        &["import", "reports", path, "--encoding", "euc-jp"],
        None,
    );
    assert!(!unknown.status.success());
    assert!(
        stderr(&unknown).contains("utf-8 and shift_jis"),
        "{}",
        stderr(&unknown)
    );

    let done = run(&app, &["import", "reports", path], None);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stdout(&done).contains("imported 3 report(s) to 2 incident(s)"),
        "{}",
        stdout(&done)
    );
    let from_excel = imported(&app, &staff, org).await;
    assert_eq!(from_excel.len(), 3);
    assert_eq!(from_excel[0][2], "2019-10-01");
    assert_eq!(from_excel[0][3], "2019-09-30");
    assert_eq!(from_excel[0][4], "2019-10-02");
    assert_eq!(from_excel[0][5], "①顧客名簿を紛失した");
    assert_eq!(from_excel[1][4], "2019-10-28");
    assert_eq!(from_excel[2][1], "my_number");
    assert_eq!(from_excel[2][2], "2019-04-01");
    assert_eq!(from_excel[2][5], "マイナンバー, 誤交付");
    assert_eq!(from_excel[2][8], "wrong_issuance");
    assert_eq!(from_excel[2][9], true);

    // The same rows in UTF-8 with the API's names and dates import the same reports.
    let org = app.organization(&staff, "株式会社西暦", "business").await;
    let same = the_three_reports_in_utf8(org);
    let output = run(
        &app,
        &["import", "reports", same.path().to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("(UTF-8)"), "{}", stdout(&output));
    assert_eq!(imported(&app, &staff, org).await, from_excel);

    // One bad date refuses the file, its row and field named, the other refusals of that row too.
    let bad = format!(
        "報告者,適用される法令,報告の種類,漏えい等を知った日,受付日,概要,項目,本人の数,原因,要配慮個人情報が含まれる,不正に利用されることにより財産的被害が生じるおそれがある,不正の目的をもって行われたおそれがある\r\n\
         {org},番号利用法,速報,令和元年10月1日,令和元年10月2日,正しい行,氏名,1,紛失,いいえ,いいえ,いいえ\r\n\
         {org},番号利用法,速報,平成31年5月1日,令和元年10月2日,,氏名,1,紛失,いいえ,いいえ,いいえ\r\n"
    );
    let mut bad_file = tempfile::NamedTempFile::new().unwrap();
    bad_file
        .write_all(&encoding_rs::SHIFT_JIS.encode(&bad).0)
        .unwrap();
    let refused = run(
        &app,
        &["import", "reports", bad_file.path().to_str().unwrap()],
        None,
    );
    assert!(!refused.status.success());
    let errors = stderr(&refused);
    assert!(
        errors.contains(
            "row 2: aware_on: 平成31年5月1日 is not a day of its era: that day (2019-05-01) is 令和元年５月１日"
        ),
        "{errors}"
    );
    assert!(errors.contains("row 2: summary"), "{errors}");
    assert!(!errors.contains("row 2: aware_on: required"), "{errors}");
    assert!(!errors.contains("row 1"), "{errors}");
    assert_eq!(app.count("reports"), 6, "nothing more was written");
}

/// One report's cells: regime, stage, preliminary row, aware, occurred, received, summary,
/// items, persons, cause, sensitive data, received via.
type SheetRow<'a> = (
    &'a str,
    &'a str,
    Option<f64>,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'a str,
    &'a str,
    f64,
    &'a str,
    bool,
    &'a str,
);

/// A workbook of the three reports of the CP932 test: a first sheet of something else, then the
/// reports' sheet with real date cells, numbers and the form's labels (and one era date as text).
fn workbook(org: i64, formula: Option<&str>) -> tempfile::NamedTempFile {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("説明").unwrap();
    notes
        .write_string(0, 0, "この帳票は報告の一覧です")
        .unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("報告").unwrap();
    let day = Format::new().set_num_format("yyyy/mm/dd");
    let headings = [
        "報告者",
        "適用される法令",
        "報告の種類",
        "対応する速報の行",
        "漏えい等を知った日",
        "発生日",
        "受付日",
        "概要",
        "項目",
        "本人の数",
        "原因",
        "要配慮個人情報が含まれる",
        "不正に利用されることにより財産的被害が生じるおそれがある",
        "不正の目的をもって行われたおそれがある",
        "受付経路",
    ];
    for (column, heading) in headings.iter().enumerate() {
        sheet.write_string(0, column as u16, *heading).unwrap();
    }
    let date = |text: &str| {
        let parts: Vec<u16> = text.split('-').map(|p| p.parse().unwrap()).collect();
        ExcelDateTime::from_ymd(parts[0], parts[1] as u8, parts[2] as u8).unwrap()
    };
    let rows: [SheetRow; 3] = [
        (
            "個人情報保護法（民間部門）",
            "速報",
            None,
            "2019-10-01",
            Some("2019-09-30"),
            "2019-10-02",
            "①顧客名簿を紛失した",
            "氏名|住所",
            1200.0,
            "紛失",
            false,
            "委員会に直接",
        ),
        (
            "個人情報保護法（民間部門）",
            "確報",
            Some(1.0),
            "2019-10-01",
            Some("2019-09-30"),
            "2019-10-28",
            "①顧客名簿を紛失した。原因は管理の不備",
            "氏名\n住所",
            1180.0,
            "紛失",
            false,
            "",
        ),
        (
            "番号利用法",
            "速報",
            None,
            "2019-04-01",
            None,
            "H31.4.2",
            "マイナンバー, 誤交付",
            "個人番号",
            3.0,
            "誤交付",
            true,
            "",
        ),
    ];
    for (index, row) in rows.iter().enumerate() {
        let r = index as u32 + 1;
        sheet.write_number(r, 0, org as f64).unwrap();
        sheet.write_string(r, 1, row.0).unwrap();
        sheet.write_string(r, 2, row.1).unwrap();
        if let Some(preliminary) = row.2 {
            sheet.write_number(r, 3, preliminary).unwrap();
        }
        sheet
            .write_datetime_with_format(r, 4, date(row.3), &day)
            .unwrap();
        if let Some(occurred) = row.4 {
            sheet
                .write_datetime_with_format(r, 5, date(occurred), &day)
                .unwrap();
        }
        if row.5.contains('-') {
            sheet
                .write_datetime_with_format(r, 6, date(row.5), &day)
                .unwrap();
        } else {
            sheet.write_string(r, 6, row.5).unwrap();
        }
        sheet.write_string(r, 7, row.6).unwrap();
        sheet.write_string(r, 8, row.7).unwrap();
        sheet.write_number(r, 9, row.8).unwrap();
        sheet.write_string(r, 10, row.9).unwrap();
        sheet.write_boolean(r, 11, row.10).unwrap();
        sheet.write_string(r, 12, "いいえ").unwrap();
        sheet.write_boolean(r, 13, false).unwrap();
        if !row.11.is_empty() {
            sheet.write_string(r, 14, row.11).unwrap();
        }
    }
    if let Some(formula) = formula {
        sheet.write_formula(2, 7, formula).unwrap();
    }
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&book.save_to_buffer().unwrap()).unwrap();
    file
}

async fn import_reads_a_sheet_of_an_xlsx_workbook_and_never_its_formulas(app: TestApp) {
    let staff = app.staff();
    let from_csv = app.organization(&staff, "株式会社CSV", "business").await;
    let same = the_three_reports_in_utf8(from_csv);
    let output = run(
        &app,
        &["import", "reports", same.path().to_str().unwrap()],
        None,
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let from_xlsx = app.organization(&staff, "株式会社XLSX", "business").await;
    let book = workbook(from_xlsx, None);
    let path = book.path().to_str().unwrap();
    // The first sheet is not the reports'.
    let first = run(&app, &["import", "reports", path, "--dry-run"], None);
    assert!(!first.status.success());
    assert!(
        stderr(&first).contains("unknown column(s): この帳票は報告の一覧です"),
        "{}",
        stderr(&first)
    );
    let missing = run(
        &app,
        &["import", "reports", path, "--sheet", "報告書"],
        None,
    );
    assert!(
        stderr(&missing).contains("no sheet 報告書; its sheets: 説明, 報告"),
        "{}",
        stderr(&missing)
    );
    let done = run(&app, &["import", "reports", path, "--sheet", "報告"], None);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stdout(&done).contains("imported 3 report(s) to 2 incident(s)")
            && stdout(&done).contains("(XLSX sheet 報告)"),
        "{}",
        stdout(&done)
    );
    let csv_reports = imported(&app, &staff, from_csv).await;
    assert_eq!(csv_reports.len(), 3);
    assert_eq!(imported(&app, &staff, from_xlsx).await, csv_reports);

    // A formula is refused, never evaluated nor its saved value taken.
    for formula in [
        "=1+1",
        "=HYPERLINK(\"http://example.com\",\"x\")",
        "=cmd|' /C calc'!A0",
    ] {
        let tricked = app
            .organization(&staff, &format!("株式会社式{}", formula.len()), "business")
            .await;
        let book = workbook(tricked, Some(formula));
        let refused = run(
            &app,
            &[
                "import",
                "reports",
                book.path().to_str().unwrap(),
                "--sheet",
                "報告",
            ],
            None,
        );
        assert!(!refused.status.success(), "{formula}");
        let errors = stderr(&refused);
        assert!(errors.contains("row 2: summary: a formula (="), "{errors}");
        assert!(
            errors.contains("1 row(s) refused; nothing was imported"),
            "{errors}"
        );
        assert_eq!(imported(&app, &staff, tricked).await.len(), 0);
    }
    // --sheet belongs to workbooks.
    let csv = run(
        &app,
        &[
            "import",
            "reports",
            same.path().to_str().unwrap(),
            "--sheet",
            "報告",
        ],
        None,
    );
    assert!(
        stderr(&csv).contains("this file is a CSV"),
        "{}",
        stderr(&csv)
    );
}

/// A "CSV bomb": one field of 50 MiB. The file is refused by the field's own limit, named by
/// its row and field, and nothing is written.
async fn import_refuses_a_fifty_mebibyte_field_and_writes_nothing(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社巨大", "business").await;
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{IMPORT_HEADER}").unwrap();
    write!(file, "{org},appi,preliminary,,2019-05-07,,2019-05-08,\"").unwrap();
    let chunk = "あ".repeat(1024 * 1024 / 3);
    for _ in 0..50 {
        file.write_all(chunk.as_bytes()).unwrap();
    }
    writeln!(file, "\",氏名,10,loss,false,false,false,").unwrap();
    let output = run(
        &app,
        &["import", "reports", file.path().to_str().unwrap()],
        None,
    );
    assert!(!output.status.success());
    let errors = stderr(&output);
    assert!(
        errors.contains("row 1: summary"),
        "{}",
        &errors[..errors.len().min(500)]
    );
    assert!(
        errors.len() < 1000,
        "the refusal does not repeat the field: {} bytes",
        errors.len()
    );
    assert_eq!(app.count("reports"), 0);
}

async fn import_registers_organizations_from_a_shift_jis_list(app: TestApp) {
    let staff = app.staff();
    let list = "名称,種別,法人番号,都道府県,連絡先の電子メールアドレス\r\n\
                株式会社登録一号,事業者,1180301018771,愛知県,dpo@ichigo.example.jp\r\n\
                サンプル市,地方公共団体,,北海道,\r\n";
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&encoding_rs::SHIFT_JIS.encode(list).0)
        .unwrap();
    let path = file.path().to_str().unwrap();
    let dry = run(&app, &["import", "organizations", path, "--dry-run"], None);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would import 2 organization(s)"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(app.count("organizations"), 0);
    let done = run(&app, &["import", "organizations", path], None);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stdout(&done).contains("imported 2 organization(s)") && stdout(&done).contains("Shift_JIS"),
        "{}",
        stdout(&done)
    );
    let found = app
        .get(
            "/api/v1/organizations?corporate_number=1180301018771",
            &staff,
        )
        .await;
    assert_eq!(found.body["items"][0]["name"], "株式会社登録一号");
    assert_eq!(found.body["items"][0]["kind"], "business");
    assert_eq!(found.body["items"][0]["prefecture"], "愛知県");
    assert_eq!(
        app.count("audit_log WHERE action = 'import' AND entity_type = 'organization'"),
        2
    );
    // The same list again (the register's own download, say): both rows are held already,
    // skipped as duplicates, and nothing is written.
    let again = run(&app, &["import", "organizations", path], None);
    assert!(again.status.success(), "{}", stderr(&again));
    let said = stdout(&again);
    assert!(
        said.contains("row 1: skipped, 株式会社登録一号 is held already"),
        "{said}"
    );
    assert!(
        said.contains("row 2: skipped, サンプル市 is held already"),
        "{said}"
    );
    assert!(
        said.contains("imported 0 organization(s)") && said.contains("2 duplicate row(s) skipped"),
        "{said}"
    );
    assert_eq!(app.count("organizations"), 2);
    // Another name with a registered corporate number is no duplicate: refused, nothing written.
    let other = "名称,種別,法人番号\r\n株式会社別名,事業者,1180301018771\r\n";
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(other.as_bytes()).unwrap();
    let refused = run(
        &app,
        &["import", "organizations", file.path().to_str().unwrap()],
        None,
    );
    assert!(!refused.status.success());
    let errors = stderr(&refused);
    assert!(errors.contains("row 1: corporate_number: "), "{errors}");
    assert!(
        errors.contains("1 row(s) refused; nothing was imported"),
        "{errors}"
    );
    assert_eq!(app.count("organizations"), 2);
}

/// A register of past actions (CP932, the action form's labels, each regime's name for a power,
/// era dates): recorded under the same rules as through the API — the order follows the
/// recommendation of an earlier row — audited as imports, and with no letter sent.
async fn import_records_past_actions_under_the_rules_of_the_law(app: TestApp) {
    let staff = app.staff();
    let reply = app
        .post(
            "/api/v1/organizations",
            &staff,
            json!({"name": "株式会社措置", "kind": "business", "contact_email": "dpo@sochi.example.jp"}),
        )
        .await;
    reply.assert_status(201);
    let org = reply.body["id"].as_i64().unwrap();
    let city = app.organization(&staff, "措置市", "local_government").await;
    app.post(
        "/api/v1/meetings",
        &staff,
        json!({"number": 244, "held_on": "2025-05-30"}),
    )
    .await
    .assert_status(201);
    let register = format!(
        "措置の種類,適用される法令,対象,開始日,終了日,報告期限,決定した委員会の回,措置に従ったか,メモ,侵害の切迫\r\n\
         報告徴収,個人情報保護法（民間部門）,{org},令和7年4月1日,令和7年4月20日,R7.4.15,,,紙で送付,\r\n\
         資料の提出の要求,個人情報保護法（公的部門）,{city},R7.4.3,,R7.4.30,,,,\r\n\
         勧告,個人情報保護法（民間部門）,{org},2025/06/02,,,第244回,従わなかった,,\r\n\
         命令,個人情報保護法（民間部門）,{org},2025-07-01,,,244,,,はい\r\n"
    );
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(&encoding_rs::SHIFT_JIS.encode(&register).0)
        .unwrap();
    let path = file.path().to_str().unwrap();
    let dry = run(&app, &["import", "actions", path, "--dry-run"], None);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would import 4 action(s)"),
        "{}",
        stdout(&dry)
    );
    assert_eq!(app.count("actions"), 0);

    let done = run(&app, &["import", "actions", path], None);
    assert!(done.status.success(), "{}", stderr(&done));
    assert!(
        stdout(&done).contains("imported 4 action(s)") && stdout(&done).contains("Shift_JIS"),
        "{}",
        stdout(&done)
    );
    let list = app.get("/api/v1/actions?per_page=10", &staff).await;
    let mut kinds: Vec<(String, String)> = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap().to_owned(),
                a["started_on"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("order".to_owned(), "2025-07-01".to_owned()),
            ("recommendation".to_owned(), "2025-06-02".to_owned()),
            ("report_collection".to_owned(), "2025-04-01".to_owned()),
            ("report_collection".to_owned(), "2025-04-03".to_owned()),
        ]
    );
    let public = list.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["organization_id"] == city)
        .unwrap();
    assert_eq!(public["regime"], "appi_public");
    assert_eq!(public["due_on"], "2025-04-30");
    assert_eq!(
        app.count(
            "audit_log WHERE action = 'import' AND entity_type = 'action' \
             AND actor = 'cli:import actions'"
        ),
        4
    );
    assert_eq!(app.count("outbox"), 0, "past actions send no letter");

    // An order with no recommendation before it, and a date outside its era: the file is
    // refused with each row and field named, and nothing is written.
    let bad = format!(
        "措置の種類,適用される法令,対象,開始日,決定した委員会の回\r\n\
         指導・助言,番号利用法,{city},令和7年8月1日,\r\n\
         命令,番号利用法,{city},2025-08-02,244\r\n\
         指導・助言,番号利用法,{city},平成31年5月1日,\r\n"
    );
    let mut bad_file = tempfile::NamedTempFile::new().unwrap();
    bad_file
        .write_all(&encoding_rs::SHIFT_JIS.encode(&bad).0)
        .unwrap();
    let refused = run(
        &app,
        &["import", "actions", bad_file.path().to_str().unwrap()],
        None,
    );
    assert!(!refused.status.success());
    let errors = stderr(&refused);
    assert!(
        errors.contains("row 2: an order needs an earlier recommendation"),
        "{errors}"
    );
    assert!(
        errors.contains(
            "row 3: started_on: 平成31年5月1日 is not a day of its era: that day (2019-05-01) is 令和元年５月１日"
        ),
        "{errors}"
    );
    assert!(!errors.contains("row 1"), "{errors}");
    assert!(
        errors.contains("2 row(s) refused; nothing was imported"),
        "{errors}"
    );
    assert_eq!(app.count("actions"), 4);
}
