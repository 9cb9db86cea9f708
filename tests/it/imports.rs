//! The imports page (`/imports`): a file is checked first (a dry run: every refused row listed
//! in Japanese, nothing written or kept), then the previewed file is imported once, by the one
//! who previewed it — on both backends.

use leakdesk::domain::access::Role;

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    a_file_is_previewed_then_imported_once,
    a_file_with_a_bad_row_is_refused_in_japanese_and_nothing_is_kept,
);

/// Reports as Excel in Japan saves them: CP932, the form's labels, era dates.
fn reports_file(org: i64, bad_date: &str) -> Vec<u8> {
    let sheet = format!(
        "報告者,適用される法令,報告の種類,対応する速報の行,漏えい等を知った日,受付日,概要,項目,本人の数,原因,要配慮個人情報が含まれる,不正に利用されることにより財産的被害が生じるおそれがある,不正の目的をもって行われたおそれがある\r\n\
         {org},個人情報保護法（民間部門）,速報,,令和元年10月1日,2019/10/2,①顧客名簿を紛失した,氏名、住所,1200,紛失,いいえ,いいえ,いいえ\r\n\
         {org},個人情報保護法（民間部門）,確報,1,令和元年10月1日,令和元年10月28日,①顧客名簿を紛失した。原因は管理の不備,氏名|住所,1180,紛失,いいえ,いいえ,いいえ\r\n\
         {org},番号利用法,速報,,{bad_date},H31.4.2,マイナンバーの誤交付,個人番号,3,誤交付,はい,いいえ,いいえ\r\n"
    );
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&sheet);
    assert!(!unmappable);
    bytes.into_owned()
}

/// The form that imports a previewed file: its action, `/imports/{id}`.
fn import_action(html: &str) -> String {
    let start = html
        .find("action=\"/imports/")
        .expect("the form that imports")
        + "action=\"".len();
    let end = start + html[start..].find('"').unwrap();
    html[start..end].to_owned()
}

async fn a_file_is_previewed_then_imported_once(app: TestApp) {
    let staff = app.staff();
    let org = app
        .organization(&staff, "株式会社取込画面", "business")
        .await;
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&clerk, PASSWORD).await;
    let form = browser.get("/imports").await;
    assert_eq!(form.status, 200);
    assert!(
        form.html.contains("ファイルからの取り込み"),
        "{}",
        form.html
    );
    let csrf = form.input("csrf_token");
    let file = reports_file(org, "平成31年4月1日");
    let fields = [("csrf_token", csrf.as_str()), ("records", "reports")];

    // Without the session's token, nothing is read.
    let forged = browser
        .post_multipart(
            "/imports",
            &[("records", "reports")],
            &[("報告.csv", &file)],
        )
        .await;
    assert_eq!(forged.status, 403);

    // The preview: what would be created, the rows as read, and nothing written.
    let preview = browser
        .post_multipart("/imports", &fields, &[("報告.csv", &file)])
        .await;
    assert_eq!(preview.status, 200, "{}", preview.html);
    for shown in [
        "漏えい等報告 3件（事態 2件）",
        "CSV（Shift_JIS／CP932）",
        "①顧客名簿を紛失した",
        "令和元年10月1日",
        "この内容で取り込む",
    ] {
        assert!(preview.html.contains(shown), "{shown}: {}", preview.html);
    }
    assert_eq!(app.count("reports"), 0);
    assert_eq!(app.count("pending_imports"), 1);
    let action = import_action(&preview.html);

    // Another member of staff cannot import the file this one previewed.
    let other = app.web_user(Role::Staff, None, PASSWORD);
    let mut stranger = Browser::new(&app);
    stranger.login(&other, PASSWORD).await;
    let their_csrf = stranger.csrf().await;
    let taken = stranger.post(&action, &[("csrf_token", &their_csrf)]).await;
    assert_eq!(taken.status, 404, "{}", taken.html);
    assert_eq!(app.count("reports"), 0);

    // The import: every row, audited as an import by the member of staff, and said so.
    let done = browser.post(&action, &[("csrf_token", &csrf)]).await;
    assert_eq!(done.status, 303, "{}", done.html);
    let shown = browser.get(done.location()).await;
    assert!(
        shown
            .html
            .contains("漏えい等報告 3件（事態 2件）を取り込みました"),
        "{}",
        shown.html
    );
    assert_eq!(app.count("reports"), 3);
    assert_eq!(app.count("incidents"), 2);
    assert_eq!(
        app.count(&format!(
            "audit_log WHERE action = 'import' AND entity_type = 'report' \
             AND actor LIKE 'user:% {clerk}'"
        )),
        3
    );
    assert_eq!(app.count("pending_imports"), 0);

    // The notice is read from the address: a number that is not one is no notice.
    let odd = browser.get("/imports?records=reports&count=abc").await;
    assert_eq!(odd.status, 200);
    assert!(!odd.html.contains("を取り込みました"), "{}", odd.html);

    // Once: the same form again finds nothing to import.
    let again = browser.post(&action, &[("csrf_token", &csrf)]).await;
    assert_eq!(again.status, 404);
    assert_eq!(app.count("reports"), 3);

    // A file that is not a table is refused by its content, whatever its name.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    let picture = browser
        .post_multipart("/imports", &fields, &[("報告.csv", png)])
        .await;
    assert_eq!(picture.status, 415, "{}", picture.html);
    let no_kind = browser
        .post_multipart(
            "/imports",
            &[("csrf_token", &csrf), ("records", "")],
            &[("報告.csv", &file)],
        )
        .await;
    assert_eq!(no_kind.status, 422);
    assert!(no_kind.html.contains("記録の種類"), "{}", no_kind.html);
    assert_eq!(app.count("pending_imports"), 0);

    // Reporters have no imports page.
    let reporter = app.web_user(Role::Reporter, Some(org), PASSWORD);
    let mut outsider = Browser::new(&app);
    outsider.login(&reporter, PASSWORD).await;
    assert_eq!(outsider.get("/imports").await.status, 403);
}

async fn a_file_with_a_bad_row_is_refused_in_japanese_and_nothing_is_kept(app: TestApp) {
    let staff = app.staff();
    let org = app.organization(&staff, "株式会社誤記", "business").await;
    let clerk = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&clerk, PASSWORD).await;
    let csrf = browser.get("/imports").await.input("csrf_token");
    // 平成31年5月1日 is not a day of Heisei (令和 began that day).
    let file = reports_file(org, "平成31年5月1日");
    let refused = browser
        .post_multipart(
            "/imports",
            &[("csrf_token", &csrf), ("records", "reports")],
            &[("報告.csv", &file)],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    for said in [
        "受け付けられない行（1行）",
        "3行目　漏えい等を知った日：「平成31年5月1日」はその元号にない日付です（その日は令和元年５月１日です）",
        "どの行も取り込んでいません",
    ] {
        assert!(refused.html.contains(said), "{said}: {}", refused.html);
    }
    assert!(
        !refused.html.contains("1行目　") && !refused.html.contains("2行目　"),
        "the good rows are not blamed"
    );
    assert!(
        refused.html.contains("<option value=\"reports\" selected>"),
        "the kind chosen is kept"
    );
    assert_eq!(app.count("reports"), 0);
    assert_eq!(app.count("pending_imports"), 0);

    // Named as UTF-8, the CP932 file is refused at its first line, in Japanese.
    let forced = browser
        .post_multipart(
            "/imports",
            &[
                ("csrf_token", &csrf),
                ("records", "reports"),
                ("encoding", "utf-8"),
            ],
            &[("報告.csv", &file)],
        )
        .await;
    assert_eq!(forced.status, 422);
    assert!(
        forced.html.contains("1行目が UTF-8 ではありません"),
        "{}",
        forced.html
    );
    // Columns of another kind of record are named.
    let consultations = browser
        .post_multipart(
            "/imports",
            &[("csrf_token", &csrf), ("records", "organizations")],
            &[("報告.csv", &file)],
        )
        .await;
    assert_eq!(consultations.status, 422);
    assert!(
        consultations.html.contains("見出し「報告者」"),
        "{}",
        consultations.html
    );
    assert_eq!(app.count("reports"), 0);
    assert_eq!(app.count("organizations"), 1);
}
