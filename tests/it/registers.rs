//! The public registers (issue #43; API.md "Version 3", Registers; seed 001's figures): counts
//! as of the half-year's last day with decoys on every side of it, and a notifier's filing through
//! review, amendment, acceptance, change and withdrawal to the public register and back out.

use leakdesk::domain::access::Role;
use serde_json::{Value, json};

use crate::harness::{TestApp, on_both_backends};
use crate::web::{Browser, PASSWORD};

on_both_backends!(
    seed_001s_register_figures_count_as_of_30_september_2019,
    a_notifier_files_corrects_and_is_published_then_withdraws,
    notifications_state_what_the_law_of_their_day_requires,
    accredited_bodies_are_listed_until_their_revocation,
    every_register_form_works_in_the_pages_and_leaves_one_audit_row,
    historical_registers_come_from_files_and_downloads_import_back,
    a_campaign_asks_every_notifier_in_the_register_to_confirm,
    accredited_bodies_publish_their_guidelines_as_files,
    the_guidelines_migration_keeps_every_file_and_its_ids,
);

/// A notification's body as filed before 2022 (without the items the amended Act added).
fn former_notification(organization_id: i64, name: &str) -> Value {
    json!({
        "organization_id": organization_id, "provider_name": name, "provider_address": "東京都港区",
        "representative": "代表取締役 甲野太郎", "purpose": "名簿の販売", "data_items": ["氏名", "住所"],
        "provided_how": "電子媒体の送付", "request_method": "電話又は電子メール"
    })
}

/// A notification's body with every item of the amended Act.
fn notification(organization_id: i64, name: &str) -> Value {
    let mut body = former_notification(organization_id, name);
    body["obtained_how"] = json!("公開されている名簿から取得");
    body["update_method"] = json!("年1回、公開情報と照合して更新");
    body["start_on"] = json!("2027-01-04");
    body
}

/// A notification of `organization` filed today and accepted: in the public register.
pub(crate) async fn accepted_notification(app: &TestApp, staff: &str, organization: i64) -> i64 {
    let filed = app
        .post(
            "/api/v1/optout-notifications",
            staff,
            notification(organization, "株式会社見本"),
        )
        .await;
    filed.assert_status(201);
    let id = filed.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/optout-notifications/{id}/reviews"),
        staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    id
}

pub(crate) async fn filed_and_accepted(
    app: &TestApp,
    staff: &str,
    organization: i64,
    name: &str,
    submitted_on: &str,
    decided_on: &str,
) -> i64 {
    let mut body = former_notification(organization, name);
    body["submitted_on"] = json!(submitted_on);
    let filed = app.post("/api/v1/optout-notifications", staff, body).await;
    filed.assert_status(201);
    let id = filed.body["id"].as_i64().unwrap();
    app.post(
        &format!("/api/v1/optout-notifications/{id}/reviews"),
        staff,
        json!({"decision": "accepted", "decided_on": decided_on}),
    )
    .await
    .assert_status(201);
    id
}

async fn seed_001s_register_figures_count_as_of_30_september_2019(app: TestApp) {
    let staff = app.staff();
    let brokers = app
        .organization(&staff, "名簿事業者株式会社", "business")
        .await;

    // 231 accepted by 2019-09-30, one of them withdrawn only from 1 October.
    for n in 0..230 {
        let day = format!("2019-{:02}-{:02}", 4 + n % 6, 1 + n % 28);
        filed_and_accepted(&app, &staff, brokers, &format!("届出者{n}"), &day, &day).await;
    }
    let leaving_later = filed_and_accepted(
        &app,
        &staff,
        brokers,
        "十月廃止",
        "2018-05-01",
        "2018-05-10",
    )
    .await;
    app.post(
        &format!("/api/v1/optout-notifications/{leaving_later}/withdrawal"),
        &staff,
        json!({"effective_on": "2019-10-01", "submitted_on": "2019-09-20"}),
    )
    .await
    .assert_status(201);
    // Decoys: withdrawn before, accepted after, still under review, asked to correct.
    let withdrawn = filed_and_accepted(
        &app,
        &staff,
        brokers,
        "九月廃止",
        "2018-05-01",
        "2018-05-10",
    )
    .await;
    app.post(
        &format!("/api/v1/optout-notifications/{withdrawn}/withdrawal"),
        &staff,
        json!({"effective_on": "2019-09-01", "submitted_on": "2019-08-20"}),
    )
    .await
    .assert_status(201);
    filed_and_accepted(
        &app,
        &staff,
        brokers,
        "十月受理",
        "2019-09-25",
        "2019-10-01",
    )
    .await;
    let mut under_review = former_notification(brokers, "審査中");
    under_review["submitted_on"] = json!("2019-09-10");
    app.post("/api/v1/optout-notifications", &staff, under_review)
        .await
        .assert_status(201);

    // 43 accredited bodies, one revoked on 2019-09-03 (seed 001: 42 as of 30 September).
    let mut revoked = 0;
    for n in 0..43 {
        let body = app
            .post("/api/v1/accredited-bodies", &staff, json!({
                "name": format!("認定個人情報保護団体{n}"), "accredited_on": format!("{}-04-01", 2005 + n % 14),
                "sector": "情報サービス業", "scope": "対象事業者の個人情報の取扱いに関する苦情の処理"
            }))
            .await;
        body.assert_status(201);
        revoked = body.body["id"].as_i64().unwrap();
    }
    app.post(
        &format!("/api/v1/accredited-bodies/{revoked}/revocation"),
        &staff,
        json!({"revoked_on": "2019-09-03", "reason": "認定業務の廃止の届出"}),
    )
    .await
    .assert_status(201);

    // 421 businesses published anonymised information by 30 September, some twice; one more
    // published first in October.
    let mut publishers = Vec::new();
    for n in 0..422 {
        publishers.push(
            app.organization(&staff, &format!("加工事業者{n}"), "business")
                .await,
        );
    }
    for (n, organization) in publishers.iter().enumerate() {
        let published_on = if n == 421 { "2019-10-05" } else { "2019-05-01" };
        let times = if n % 10 == 0 { 2 } else { 1 };
        for _ in 0..times {
            app.post(
                "/api/v1/anonymised-publications",
                &staff,
                json!({
                    "organization_id": organization, "published_on": published_on,
                    "location": "https://example.jp/anonymised", "data_items": ["性別", "年代"],
                    "provided_to_third_parties": n % 3 == 0
                }),
            )
            .await
            .assert_status(201);
        }
    }

    let summary = app
        .get(
            "/api/v1/registers/summary?as_of=2019-09-30&from=2019-04-01",
            &staff,
        )
        .await;
    summary.assert_status(200);
    assert_eq!(summary.body["as_of"], "2019-09-30");
    assert_eq!(
        summary.body["optout_notifications"], 231,
        "{}",
        summary.body
    );
    assert_eq!(summary.body["accredited_bodies"], 42, "{}", summary.body);
    assert_eq!(
        summary.body["accreditations_revoked"], 1,
        "{}",
        summary.body
    );
    assert_eq!(
        summary.body["anonymised_publishers"], 421,
        "{}",
        summary.body
    );
    // The day before the revocation, every body; a span after it, no revocation.
    let before = app
        .get("/api/v1/registers/summary?as_of=2019-09-02", &staff)
        .await;
    assert_eq!(before.body["accredited_bodies"], 43);
    assert_eq!(before.body["accreditations_revoked"], 0);
    let later = app
        .get(
            "/api/v1/registers/summary?as_of=2020-03-31&from=2019-10-01",
            &staff,
        )
        .await;
    assert_eq!(later.body["accreditations_revoked"], 0);
    assert_eq!(
        later.body["optout_notifications"], 231,
        "one left, one came: {}",
        later.body
    );
    assert_eq!(later.body["anonymised_publishers"], 422);
    // `from` after `as_of` is refused, naming the field; reporters may not ask.
    app.get(
        "/api/v1/registers/summary?as_of=2019-09-30&from=2019-10-01",
        &staff,
    )
    .await
    .assert_refused_field("as_of");
    let reporter = app.user(Role::Reporter, Some(brokers));
    app.get("/api/v1/registers/summary?as_of=2019-09-30", &reporter)
        .await
        .assert_status(403);
}

async fn a_notifier_files_corrects_and_is_published_then_withdraws(app: TestApp) {
    let staff = app.staff();
    let notifier = app
        .post("/api/v1/organizations", &staff, json!({
            "name": "名簿販売株式会社", "kind": "business", "contact_email": "dpo@meibo.example.jp"
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let other = app.organization(&staff, "他社株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(notifier));
    let stranger = app.user(Role::Reporter, Some(other));

    // A reporter may not enter a past day, nor file for another organization.
    let mut past = notification(notifier, "名簿販売株式会社");
    past["submitted_on"] = json!("2020-01-06");
    app.post("/api/v1/optout-notifications", &reporter, past)
        .await
        .assert_refused_field("submitted_on");
    app.post(
        "/api/v1/optout-notifications",
        &stranger,
        notification(notifier, "乗っ取り"),
    )
    .await
    .assert_status(403);

    let outbox = app.count("outbox");
    let filed = app
        .post(
            "/api/v1/optout-notifications",
            &reporter,
            notification(notifier, "名簿販売株式会社"),
        )
        .await;
    filed.assert_status(201);
    assert_eq!(filed.body["review_status"], "received");
    assert_eq!(filed.body["version"], 1);
    assert_eq!(filed.body["in_force"], false);
    let reference = filed.body["reference"].as_str().unwrap().to_owned();
    assert!(reference.starts_with("OP-"), "{reference}");
    let id = filed.body["id"].as_i64().unwrap();
    let base = format!("/api/v1/optout-notifications/{id}");
    assert_eq!(app.count("outbox"), outbox + 1, "the receipt");
    let receipt = app.query_strings("SELECT subject AS v FROM outbox ORDER BY id DESC LIMIT 1");
    assert!(receipt[0].contains(&reference), "{receipt:?}");

    // Another business's reporter learns nothing and changes nothing.
    for path in [
        base.clone(),
        format!("{base}/versions"),
        format!("{base}/reviews"),
    ] {
        app.get(&path, &stranger).await.assert_status(404);
    }
    app.post(
        &format!("{base}/amendments"),
        &stranger,
        json!({"reason": "x", "purpose": "乗っ取り"}),
    )
    .await
    .assert_status(404);
    app.post(
        &format!("{base}/withdrawal"),
        &stranger,
        json!({"effective_on": "2030-01-01"}),
    )
    .await
    .assert_status(404);
    app.post(
        &format!("{base}/reviews"),
        &stranger,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(404);
    let listed = app.get("/api/v1/optout-notifications", &stranger).await;
    assert_eq!(listed.body["total"], 0, "{}", listed.body);
    // Its own reporter reads it but does not decide on it.
    app.get(&base, &reporter).await.assert_status(200);
    app.post(
        &format!("{base}/reviews"),
        &reporter,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(403);

    // A revision request says what to correct; the notifier amends with a reason.
    app.post(
        &format!("{base}/reviews"),
        &staff,
        json!({"decision": "revision_requested"}),
    )
    .await
    .assert_refused_field("comment");
    app.post(
        &format!("{base}/reviews"),
        &staff,
        json!({
            "decision": "revision_requested", "comment": "住所を番地まで記載してください"
        }),
    )
    .await
    .assert_status(201);
    let asked = app.query_strings("SELECT subject AS v FROM outbox ORDER BY id DESC LIMIT 1");
    assert!(asked[0].contains("補正のお願い"), "{asked:?}");
    app.post(
        &format!("{base}/amendments"),
        &reporter,
        json!({"provider_address": "東京都港区芝公園1-1-1"}),
    )
    .await
    .assert_refused_field("reason");
    let amended = app
        .post(
            &format!("{base}/amendments"),
            &reporter,
            json!({
                "reason": "番地を補記", "provider_address": "東京都港区芝公園1-1-1"
            }),
        )
        .await;
    amended.assert_status(201);
    assert_eq!(amended.body["version"], 2);
    assert_eq!(amended.body["review_status"], "received");
    app.post(
        &format!("{base}/amendments"),
        &reporter,
        json!({
            "reason": "同じ", "provider_address": "東京都港区芝公園1-1-1"
        }),
    )
    .await
    .assert_status(409);
    // Not published while under review.
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout",
            None,
            None,
        )
        .await;
    assert_eq!(public.body["total"], 0, "{}", public.body);

    app.post(
        &format!("{base}/reviews"),
        &staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    let accepted = app.get(&base, &reporter).await;
    assert_eq!(accepted.body["review_status"], "accepted");
    assert_eq!(accepted.body["in_force"], true);
    let mail = app.query_strings("SELECT subject AS v FROM outbox ORDER BY id DESC LIMIT 1");
    assert!(mail[0].contains("受理"), "{mail:?}");

    // In the public register, without a login: JSON, the page, and its search.
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout",
            None,
            None,
        )
        .await;
    public.assert_status(200);
    assert_eq!(public.body["total"], 1, "{}", public.body);
    let item = &public.body["items"][0];
    assert_eq!(item["reference"], reference.as_str());
    assert_eq!(item["provider_address"], "東京都港区芝公園1-1-1");
    assert_eq!(item["purpose"], "名簿の販売");
    assert!(item.get("organization_id").is_none(), "{item}");
    let page = Browser::new(&app).get("/public/registers/optout").await;
    assert_eq!(page.status, 200);
    assert!(
        page.html.contains("名簿販売株式会社") && page.html.contains(&reference),
        "{}",
        page.html
    );
    let searched = Browser::new(&app)
        .get("/public/registers/optout?q=%E8%A9%B2%E5%BD%93%E3%81%AA%E3%81%97")
        .await;
    assert!(
        searched.html.contains("該当する届出はありません"),
        "{}",
        searched.html
    );
    // Downloadable for people: CSV with the page's Japanese headings, without a login.
    let csv = Browser::new(&app).get("/public/registers/optout/csv").await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.header("content-type").starts_with("text/csv"),
        "{}",
        csv.header("content-type")
    );
    let text = String::from_utf8_lossy(&csv.body).into_owned();
    assert!(
        text.starts_with("\u{feff}届出番号,提供者の名称,住所"),
        "{text}"
    );
    assert!(
        text.contains(&reference) && text.contains("東京都港区芝公園1-1-1"),
        "{text}"
    );
    let found = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout?q=%E5%90%8D%E7%B0%BF%E8%B2%A9%E5%A3%B2",
            None,
            None,
        )
        .await;
    assert_eq!(found.body["total"], 1, "{}", found.body);
    let none = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout?q=%E8%A9%B2%E5%BD%93%E3%81%AA%E3%81%97",
            None,
            None,
        )
        .await;
    assert_eq!(none.body["total"], 0, "{}", none.body);

    // An accepted notification is changed by a change filing, reviewed again; the register
    // shows the accepted content until the change is accepted.
    app.post(
        &format!("{base}/amendments"),
        &reporter,
        json!({"reason": "x", "purpose": "貸与"}),
    )
    .await
    .assert_status(409);
    let changed = app
        .post(
            &format!("{base}/changes"),
            &reporter,
            json!({
                "effective_on": "2027-02-01", "purpose": "名簿の販売及び貸与"
            }),
        )
        .await;
    changed.assert_status(201);
    assert_eq!(changed.body["version"], 3);
    assert_eq!(changed.body["filing"], "change");
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout",
            None,
            None,
        )
        .await;
    assert_eq!(public.body["items"][0]["purpose"], "名簿の販売");
    app.post(
        &format!("{base}/reviews"),
        &staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(201);
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout",
            None,
            None,
        )
        .await;
    assert_eq!(public.body["items"][0]["purpose"], "名簿の販売及び貸与");
    assert_eq!(public.body["items"][0]["changed_on"], "2027-02-01");

    // Every version kept whole.
    let versions = app.get(&format!("{base}/versions"), &reporter).await;
    let items = versions.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["changed"], json!([]));
    assert_eq!(items[1]["filing"], "amendment");
    assert_eq!(items[1]["changed"], json!(["provider_address"]));
    assert_eq!(items[1]["reason"], "番地を補記");
    assert_eq!(items[0]["content"]["provider_address"], "東京都港区");
    assert_eq!(items[2]["filing"], "change");
    assert_eq!(items[2]["effective_on"], "2027-02-01");
    let reviews = app.get(&format!("{base}/reviews"), &reporter).await;
    assert_eq!(reviews.body["items"].as_array().unwrap().len(), 3);

    // A withdrawal effective today takes it out of the register today; it takes no other filing.
    let today = leakdesk::clock::today_in_japan().to_string();
    let withdrawn = app
        .post(
            &format!("{base}/withdrawal"),
            &reporter,
            json!({"effective_on": today}),
        )
        .await;
    withdrawn.assert_status(201);
    assert_eq!(withdrawn.body["withdrawn_on"], today.as_str());
    assert_eq!(withdrawn.body["in_force"], false);
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/optout",
            None,
            None,
        )
        .await;
    assert_eq!(public.body["total"], 0, "{}", public.body);
    let page = Browser::new(&app).get("/public/registers/optout").await;
    assert!(!page.html.contains(&reference), "{}", page.html);
    app.post(
        &format!("{base}/withdrawal"),
        &reporter,
        json!({"effective_on": today}),
    )
    .await
    .assert_status(409);
    app.post(
        &format!("{base}/changes"),
        &reporter,
        json!({"effective_on": "2027-03-01", "purpose": "x"}),
    )
    .await
    .assert_status(409);
}

async fn notifications_state_what_the_law_of_their_day_requires(app: TestApp) {
    let staff = app.staff();
    let organization = app.organization(&staff, "名簿株式会社", "business").await;
    // From 2022-04-01 (法第27条第2項 as amended): how obtained, how updated, when provision starts.
    let refused = app
        .post(
            "/api/v1/optout-notifications",
            &staff,
            former_notification(organization, "新法"),
        )
        .await;
    refused.assert_status(422);
    for field in ["obtained_how", "update_method", "start_on"] {
        assert!(
            !refused.field_errors(field).is_empty(),
            "{field}: {}",
            refused.body
        );
    }
    let mut staff_history = former_notification(organization, "旧法");
    staff_history["submitted_on"] = json!("2022-03-31");
    app.post("/api/v1/optout-notifications", &staff, staff_history)
        .await
        .assert_status(201);
    let mut from_amendment = former_notification(organization, "新法");
    from_amendment["submitted_on"] = json!("2022-04-01");
    app.post("/api/v1/optout-notifications", &staff, from_amendment)
        .await
        .assert_refused_field("obtained_how");
    // Bad input names its field and writes nothing.
    let written = app.count("optout_notifications");
    let mut blank = notification(organization, "  ");
    blank["data_items"] = json!([]);
    let reply = app
        .post("/api/v1/optout-notifications", &staff, blank)
        .await;
    reply.assert_status(422);
    assert!(
        !reply.field_errors("provider_name").is_empty(),
        "{}",
        reply.body
    );
    assert!(
        !reply.field_errors("data_items").is_empty(),
        "{}",
        reply.body
    );
    let mut unknown = notification(999_999, "不明");
    unknown["organization_id"] = json!(999_999);
    app.post("/api/v1/optout-notifications", &staff, unknown)
        .await
        .assert_refused_field("organization_id");
    assert_eq!(app.count("optout_notifications"), written);
    // A withdrawal does not precede the notification; a decision on a day before its filing is refused.
    let mut old = former_notification(organization, "旧法二");
    old["submitted_on"] = json!("2019-06-03");
    let id = app
        .post("/api/v1/optout-notifications", &staff, old)
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/api/v1/optout-notifications/{id}/reviews"),
        &staff,
        json!({"decision": "accepted", "decided_on": "2019-06-01"}),
    )
    .await
    .assert_refused_field("decided_on");
    app.post(
        &format!("/api/v1/optout-notifications/{id}/withdrawal"),
        &staff,
        json!({"effective_on": "2019-05-31"}),
    )
    .await
    .assert_refused_field("effective_on");
    // Nothing to decide twice: an accepted version awaits no decision.
    app.post(
        &format!("/api/v1/optout-notifications/{id}/reviews"),
        &staff,
        json!({"decision": "accepted", "decided_on": "2019-06-10"}),
    )
    .await
    .assert_status(201);
    app.post(
        &format!("/api/v1/optout-notifications/{id}/reviews"),
        &staff,
        json!({"decision": "accepted"}),
    )
    .await
    .assert_status(409);
}

async fn accredited_bodies_are_listed_until_their_revocation(app: TestApp) {
    let staff = app.staff();
    let kept = app
        .post(
            "/api/v1/accredited-bodies",
            &staff,
            json!({
                "name": "一般財団法人日本情報経済社会推進協会", "corporate_number": "1010405009411",
                "accredited_on": "2005-04-01", "sector": "全業種", "scope": "苦情の処理、情報の提供"
            }),
        )
        .await;
    kept.assert_status(201);
    let revoked = app
        .post("/api/v1/accredited-bodies", &staff, json!({
            "name": "取消団体", "accredited_on": "2010-04-01", "sector": "小売業", "scope": "苦情の処理"
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let path = format!("/api/v1/accredited-bodies/{revoked}/revocation");
    app.post(
        &path,
        &staff,
        json!({"revoked_on": "2009-01-01", "reason": "x"}),
    )
    .await
    .assert_refused_field("revoked_on");
    app.post(
        &path,
        &staff,
        json!({"revoked_on": "2019-09-03", "reason": "認定業務の廃止"}),
    )
    .await
    .assert_status(201);
    app.post(
        &path,
        &staff,
        json!({"revoked_on": "2019-09-04", "reason": "重ねて"}),
    )
    .await
    .assert_status(409);
    app.post(
        "/api/v1/accredited-bodies",
        &staff,
        json!({
            "name": "番号違い", "corporate_number": "1234567890123", "accredited_on": "2010-04-01",
            "sector": "小売業", "scope": "苦情の処理"
        }),
    )
    .await
    .assert_refused_field("corporate_number");
    let organization = app.organization(&staff, "事業者株式会社", "business").await;
    let reporter = app.user(Role::Reporter, Some(organization));
    app.post(
        "/api/v1/accredited-bodies",
        &reporter,
        json!({
            "name": "x", "accredited_on": "2010-04-01", "sector": "x", "scope": "x"
        }),
    )
    .await
    .assert_status(403);

    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/accredited-bodies",
            None,
            None,
        )
        .await;
    public.assert_status(200);
    assert_eq!(public.body["total"], 1, "{}", public.body);
    assert_eq!(
        public.body["items"][0]["name"],
        "一般財団法人日本情報経済社会推進協会"
    );
    let page = Browser::new(&app)
        .get("/public/registers/accredited-bodies")
        .await;
    assert_eq!(page.status, 200);
    let html = page.html;
    assert!(html.contains("日本情報経済社会推進協会"), "{html}");
    assert!(!html.contains("取消団体"), "{html}");
    let people = Browser::new(&app)
        .get("/public/registers/accredited-bodies/csv")
        .await;
    let people = String::from_utf8_lossy(&people.body).into_owned();
    assert!(people.contains("団体の名称,法人番号,認定日"), "{people}");
    assert!(
        people.contains("日本情報経済社会推進協会") && !people.contains("取消団体"),
        "{people}"
    );
    let (status, _, csv) = app
        .download(
            "/api/v1/public/registers/accredited-bodies?format=csv",
            &staff,
        )
        .await;
    assert_eq!(status.as_u16(), 200);
    let csv = String::from_utf8_lossy(&csv);
    assert!(
        csv.contains("日本情報経済社会推進協会") && !csv.contains("取消団体"),
        "{csv}"
    );
    // Staff see both, the revoked one with its day and reason.
    let all = app.get("/api/v1/accredited-bodies", &staff).await;
    assert_eq!(all.body["total"], 2);
    let body = app
        .get(&format!("/api/v1/accredited-bodies/{revoked}"), &staff)
        .await;
    assert_eq!(body.body["revoked_on"], "2019-09-03");
    assert_eq!(body.body["revocation_reason"], "認定業務の廃止");
}

/// Posts a form and checks it answered with a redirect to `to` (a prefix) and one audit row.
async fn posted(
    app: &TestApp,
    browser: &mut Browser<'_>,
    path: &str,
    form: &[(&str, &str)],
    to: &str,
) {
    let before = app.count("audit_log");
    let answer = browser.post(path, form).await;
    assert_eq!(answer.status, 303, "{path}: {}", answer.html);
    assert!(
        answer.location().starts_with(to),
        "{path}: to {}",
        answer.location()
    );
    assert_eq!(app.count("audit_log"), before + 1, "{path}: one audit row");
}

async fn every_register_form_works_in_the_pages_and_leaves_one_audit_row(app: TestApp) {
    let staff = app.staff();
    let organization = app
        .post("/api/v1/organizations", &staff, json!({
            "name": "名簿販売株式会社", "kind": "business", "contact_email": "dpo@meibo.example.jp"
        }))
        .await
        .body["id"]
        .as_i64()
        .unwrap();

    // A business files in the browser: refused without the amended Act's items, then filed.
    let reporter = app.web_user(Role::Reporter, Some(organization), PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&reporter, PASSWORD).await;
    let form = browser.get("/registers/optout/new").await;
    assert_eq!(form.status, 200);
    assert!(
        form.html.contains("名簿販売株式会社"),
        "its own organization, fixed"
    );
    let csrf = form.input("csrf_token");
    let filed = [
        ("csrf_token", csrf.as_str()),
        ("organization_id", "999"),
        ("provider_name", "名簿販売株式会社"),
        ("provider_address", "東京都港区"),
        ("representative", "代表取締役 甲野太郎"),
        ("purpose", "名簿の販売"),
        ("data_items", "氏名\r\n住所"),
        ("provided_how", "電子媒体の送付"),
        ("request_method", "電話"),
    ];
    let refused = browser.post("/registers/optout/new", &filed).await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(
        refused.html.contains("改正後の法第27条第2項"),
        "{}",
        refused.html
    );
    let mut complete = filed.to_vec();
    complete.extend([
        ("obtained_how", "公開名簿から取得"),
        ("update_method", "年1回"),
        ("start_on", "2027-01-04"),
    ]);
    posted(
        &app,
        &mut browser,
        "/registers/optout/new",
        &complete,
        "/registers/optout/",
    )
    .await;
    let id: i64 = app.query_strings("SELECT CAST(MAX(id) AS TEXT) AS v FROM optout_notifications")
        [0]
    .parse()
    .unwrap();
    let filed_row = app.query_strings(&format!(
        "SELECT CAST(organization_id AS TEXT) AS v FROM optout_notifications WHERE id = {id}"
    ));
    assert_eq!(
        filed_row[0],
        organization.to_string(),
        "for its own organization"
    );
    let page = browser.get(&format!("/registers/optout/{id}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.html.contains("公開名簿から取得") && page.html.contains("受付"),
        "{}",
        page.html
    );
    assert!(
        !page.html.contains("審査する"),
        "a business does not review"
    );
    let list = browser.get("/registers/optout").await;
    assert!(list.html.contains("名簿販売株式会社"), "{}", list.html);

    // Staff ask for a correction, the business amends, staff accept.
    let admin = app.web_user(Role::Admin, None, PASSWORD);
    let mut desk = Browser::new(&app);
    desk.login(&admin, PASSWORD).await;
    let page = desk.get(&format!("/registers/optout/{id}")).await;
    let staff_csrf = page.input("csrf_token");
    let refused = desk
        .post(
            &format!("/registers/optout/{id}/review"),
            &[
                ("csrf_token", staff_csrf.as_str()),
                ("decision", "revision_requested"),
            ],
        )
        .await;
    assert_eq!(
        refused.status, 422,
        "a revision request says what to correct"
    );
    posted(
        &app,
        &mut desk,
        &format!("/registers/optout/{id}/review"),
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("decision", "revision_requested"),
            ("comment", "住所を番地まで"),
        ],
        &format!("/registers/optout/{id}"),
    )
    .await;
    let mut amended = complete.clone();
    amended.retain(|(name, _)| *name != "organization_id");
    amended.push(("reason", "番地を補記"));
    for pair in amended.iter_mut() {
        if pair.0 == "provider_address" {
            pair.1 = "東京都港区芝公園1-1-1";
        }
    }
    posted(
        &app,
        &mut browser,
        &format!("/registers/optout/{id}/amend"),
        &amended,
        &format!("/registers/optout/{id}"),
    )
    .await;
    posted(
        &app,
        &mut desk,
        &format!("/registers/optout/{id}/review"),
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("decision", "accepted"),
        ],
        &format!("/registers/optout/{id}"),
    )
    .await;
    let public = Browser::new(&app).get("/public/registers/optout").await;
    assert!(public.html.contains("芝公園1-1-1"), "{}", public.html);

    // A change, then the withdrawal.
    let mut changed = amended.clone();
    changed.retain(|(name, _)| *name != "reason");
    changed.push(("effective_on", "2027-02-01"));
    for pair in changed.iter_mut() {
        if pair.0 == "purpose" {
            pair.1 = "名簿の販売及び貸与";
        }
    }
    posted(
        &app,
        &mut browser,
        &format!("/registers/optout/{id}/change"),
        &changed,
        &format!("/registers/optout/{id}"),
    )
    .await;
    let today = leakdesk::clock::today_in_japan().to_string();
    posted(
        &app,
        &mut browser,
        &format!("/registers/optout/{id}/withdraw"),
        &[
            ("csrf_token", csrf.as_str()),
            ("effective_on", today.as_str()),
        ],
        &format!("/registers/optout/{id}"),
    )
    .await;
    let again = browser
        .post(
            &format!("/registers/optout/{id}/withdraw"),
            &[
                ("csrf_token", csrf.as_str()),
                ("effective_on", today.as_str()),
            ],
        )
        .await;
    assert_eq!(again.status, 409, "{}", again.html);

    // A body accredited, edited and revoked; a publication recorded; the counts as of a day.
    posted(
        &app,
        &mut desk,
        "/registers/bodies/new",
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("name", "一般財団法人見本協会"),
            ("accredited_on", "2010-04-01"),
            ("sector", "情報サービス業"),
            ("scope", "苦情の処理"),
        ],
        "/registers/bodies/",
    )
    .await;
    let body: i64 = app.query_strings("SELECT CAST(MAX(id) AS TEXT) AS v FROM accredited_bodies")
        [0]
    .parse()
    .unwrap();
    posted(
        &app,
        &mut desk,
        &format!("/registers/bodies/{body}/edit"),
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("name", "一般財団法人見本協会"),
            ("accredited_on", "2010-04-01"),
            ("sector", "情報サービス業"),
            ("scope", "苦情の処理及び情報の提供"),
        ],
        &format!("/registers/bodies/{body}"),
    )
    .await;
    posted(
        &app,
        &mut desk,
        &format!("/registers/bodies/{body}/revoke"),
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("revoked_on", "2019-09-03"),
            ("reason", "認定業務の廃止"),
        ],
        &format!("/registers/bodies/{body}"),
    )
    .await;
    let organization_text = organization.to_string();
    posted(
        &app,
        &mut desk,
        "/registers/anonymised/new",
        &[
            ("csrf_token", staff_csrf.as_str()),
            ("organization_id", organization_text.as_str()),
            ("published_on", "2019-05-01"),
            ("location", "https://meibo.example.jp/anon"),
            ("data_items", "性別\r\n年代"),
            ("provided_to_third_parties", "true"),
        ],
        "/registers/anonymised",
    )
    .await;
    let index = desk
        .get("/registers?as_of=2019-09-30&from=2019-04-01")
        .await;
    assert_eq!(index.status, 200);
    assert!(
        index.html.contains("1社") && index.html.contains("0団体"),
        "{}",
        index.html
    );
    let refused = desk
        .get("/registers?as_of=2019-09-30&from=2019-10-01")
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.html.contains("基準日"), "{}", refused.html);
    // A business reaches neither the staff's registers nor another's notification.
    assert_eq!(browser.get("/registers/bodies").await.status, 403);
    let other = app.organization(&staff, "他社株式会社", "business").await;
    let stranger = app.web_user(Role::Reporter, Some(other), PASSWORD);
    let mut outsider = Browser::new(&app);
    outsider.login(&stranger, PASSWORD).await;
    assert_eq!(
        outsider
            .get(&format!("/registers/optout/{id}"))
            .await
            .status,
        404
    );
}

/// `leakdesk import KIND FILE [--dry-run]` of `csv`: what it printed, after it succeeded.
pub fn import_csv(app: &TestApp, kind: &str, csv: &str, dry_run: bool) -> String {
    use std::io::Write;
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    file.write_all(csv.as_bytes()).unwrap();
    let path = file.path().to_str().unwrap().to_owned();
    let mut args = vec!["import", kind, path.as_str()];
    if dry_run {
        args.push("--dry-run");
    }
    let output = crate::cli::run(app, &args, None);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    said
}

async fn historical_registers_come_from_files_and_downloads_import_back(app: TestApp) {
    let staff = app.staff();
    app.organization(&staff, "名簿株式会社", "business").await;
    app.organization(&staff, "加工株式会社", "business").await;
    // The FY2019 register, kept in a workbook: filed, accepted, one withdrawn in August.
    let notifications = "\
届出者,提供者の名称,住所,代表者,利用目的,提供する個人データの項目,提供の方法,停止の求めを受け付ける方法,届出日,受理日,廃止の日
名簿株式会社,名簿株式会社,東京都港区,代表 甲,名簿の販売,氏名|住所,電子媒体,電話,2019-04-10,2019-04-20,
名簿株式会社,名簿株式会社 大阪支店,大阪府大阪市,代表 乙,名簿の販売,氏名|電話番号,紙媒体,電子メール,2019-05-10,2019-05-20,2019-08-31
名簿株式会社,名簿株式会社 福岡支店,福岡県福岡市,代表 丙,名簿の販売,氏名,電子媒体,電話,2019-09-25,,
";
    let said = import_csv(&app, "optout-notifications", notifications, false);
    assert!(
        said.contains("imported 3 opt-out notification(s)"),
        "{said}"
    );
    let bodies = "\
団体の名称,認定日,対象事業者の業種,認定業務の範囲,取消しの日,取消しの理由
一般財団法人甲協会,2005-04-01,全業種,苦情の処理,,
乙協会,2010-04-01,小売業,苦情の処理,2019-09-03,認定業務の廃止
";
    let said = import_csv(&app, "accredited-bodies", bodies, false);
    assert!(said.contains("imported 2 accredited body(ies)"), "{said}");
    let publications = "\
事業者,公表日,公表の場所,情報の項目,第三者提供
加工株式会社,2019-05-01,https://kakou.example.jp/anon,性別|年代,はい
加工株式会社,2019-07-01,https://kakou.example.jp/anon2,性別,いいえ
";
    let said = import_csv(&app, "anonymised-publications", publications, false);
    assert!(said.contains("imported 2 publication(s)"), "{said}");
    // No mail for history; the counts as of 30 September 2019.
    assert_eq!(app.count("outbox"), 0);
    let summary = app
        .get(
            "/api/v1/registers/summary?as_of=2019-09-30&from=2019-04-01",
            &staff,
        )
        .await;
    assert_eq!(summary.body["optout_notifications"], 1, "{}", summary.body);
    assert_eq!(summary.body["accredited_bodies"], 1, "{}", summary.body);
    assert_eq!(
        summary.body["accreditations_revoked"], 1,
        "{}",
        summary.body
    );
    assert_eq!(summary.body["anonymised_publishers"], 1, "{}", summary.body);
    // A refused row names its field, and nothing is imported.
    let before = app.count("optout_notifications");
    let output = crate::cli::run(&app, &["import", "optout-notifications", "/dev/null"], None);
    assert!(!output.status.success());
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::io::Write::write_all(
        &mut file,
        "届出者,提供者の名称,住所,代表者,利用目的,提供する個人データの項目,提供の方法,停止の求めを受け付ける方法,届出日\n名簿株式会社,名簿株式会社,東京都,代表,名簿の販売,氏名,電子媒体,電話,2023-01-01\n名簿株式会社,,東京都,代表,名簿の販売,氏名,電子媒体,電話,2019-01-01\n".as_bytes(),
    )
    .unwrap();
    let output = crate::cli::run(
        &app,
        &[
            "import",
            "optout-notifications",
            file.path().to_str().unwrap(),
        ],
        None,
    );
    let said = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(!output.status.success(), "{said}");
    assert!(said.contains("row 2: provider_name"), "{said}");
    assert!(
        said.contains("row 1: obtained_how") && said.contains("row 1: start_on"),
        "{said}"
    );
    assert_eq!(app.count("optout_notifications"), before);

    // The registers' own downloads import back: every row held already.
    for (path, kind) in [
        (
            "/api/v1/optout-notifications?format=csv",
            "optout-notifications",
        ),
        ("/api/v1/accredited-bodies?format=csv", "accredited-bodies"),
        (
            "/api/v1/anonymised-publications?format=csv",
            "anonymised-publications",
        ),
    ] {
        let (status, _, bytes) = app.download(path, &staff).await;
        assert_eq!(status.as_u16(), 200, "{path}");
        let csv = String::from_utf8(bytes).unwrap();
        let said = import_csv(&app, kind, &csv, true);
        assert!(said.contains("duplicate"), "{kind}: {said}");
        assert!(said.contains("would import 0"), "{kind}: {said}");
    }
}

async fn a_campaign_asks_every_notifier_in_the_register_to_confirm(app: TestApp) {
    let staff = app.staff();
    let mut notifiers = Vec::new();
    for (n, name) in ["甲名簿株式会社", "乙名簿株式会社"].iter().enumerate() {
        let organization = app
            .post(
                "/api/v1/organizations",
                &staff,
                json!({
                    "name": name, "kind": "business", "contact_email": format!("dpo{n}@example.jp")
                }),
            )
            .await
            .body["id"]
            .as_i64()
            .unwrap();
        notifiers.push(organization);
    }
    let first = accepted_notification(&app, &staff, notifiers[0]).await;
    let second = accepted_notification(&app, &staff, notifiers[1]).await;
    // Not in the register: under review, and withdrawn today.
    app.post(
        "/api/v1/optout-notifications",
        &staff,
        notification(notifiers[0], "審査中"),
    )
    .await
    .assert_status(201);
    let gone = accepted_notification(&app, &staff, notifiers[1]).await;
    let today = leakdesk::clock::today_in_japan().to_string();
    app.post(
        &format!("/api/v1/optout-notifications/{gone}/withdrawal"),
        &staff,
        json!({"effective_on": today}),
    )
    .await
    .assert_status(201);

    let outbox = app.count("outbox");
    let started = app
        .post(
            "/api/v1/optout-campaigns",
            &staff,
            json!({
                "title": "令和元年度オプトアウト届出事業者に対する実態調査", "due_on": "2099-03-31"
            }),
        )
        .await;
    started.assert_status(201);
    assert_eq!(started.body["tally"]["asked"], 2, "{}", started.body);
    assert_eq!(started.body["tally"]["notifiers"], 2);
    assert_eq!(started.body["tally"]["unanswered"], 2);
    assert_eq!(
        app.count("outbox"),
        outbox + 2,
        "each notifier asked by mail"
    );
    let campaign = started.body["id"].as_i64().unwrap();

    // The notifier answers for its own notification; another's is not its to answer.
    let reporter = app.user(Role::Reporter, Some(notifiers[0]));
    let asked = app
        .get(
            &format!("/api/v1/optout-notifications/{first}/confirmations"),
            &reporter,
        )
        .await;
    assert_eq!(
        asked.body["items"][0]["campaign"]["id"], campaign,
        "{}",
        asked.body
    );
    let answer = |id: i64, body: Value| {
        let reporter = reporter.clone();
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/optout-notifications/{id}/confirmations"),
                &reporter,
                body,
            )
            .await
        }
    };
    answer(
        second,
        json!({"campaign_id": campaign, "outcome": "confirmed"}),
    )
    .await
    .assert_status(404);
    answer(
        first,
        json!({"campaign_id": campaign, "outcome": "confirmed", "answered_on": "2019-01-01"}),
    )
    .await
    .assert_refused_field("answered_on");
    answer(
        first,
        json!({"campaign_id": campaign + 1, "outcome": "confirmed"}),
    )
    .await
    .assert_refused_field("campaign_id");
    answer(
        first,
        json!({"campaign_id": campaign, "outcome": "refiled", "note": "住所を変更"}),
    )
    .await
    .assert_status(201);
    answer(
        first,
        json!({"campaign_id": campaign, "outcome": "confirmed"}),
    )
    .await
    .assert_status(409);
    let view = app
        .get(&format!("/api/v1/optout-campaigns/{campaign}"), &staff)
        .await;
    assert_eq!(view.body["tally"]["refiled"], 1, "{}", view.body);
    assert_eq!(view.body["tally"]["unanswered"], 1);
    assert_eq!(view.body["tally"]["notifiers_unanswered"], 1);
    app.get(&format!("/api/v1/optout-campaigns/{campaign}"), &reporter)
        .await
        .assert_status(403);
    // It is no report collection: no supervisory action was recorded.
    assert_eq!(app.count("actions"), 0);

    // The pages: staff follow it; the notifier answers on its notification's page.
    let admin = app.web_user(Role::Admin, None, PASSWORD);
    let mut desk = Browser::new(&app);
    desk.login(&admin, PASSWORD).await;
    let page = desk.get(&format!("/registers/campaigns/{campaign}")).await;
    assert_eq!(page.status, 200);
    assert!(
        page.html.contains("再届出（変更届）") && page.html.contains("未回答"),
        "{}",
        page.html
    );
    let other = app.web_user(Role::Reporter, Some(notifiers[1]), PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&other, PASSWORD).await;
    let page = browser.get(&format!("/registers/optout/{second}")).await;
    assert!(
        page.html.contains("記載内容の確認に回答する"),
        "{}",
        page.html
    );
    let csrf = page.input("csrf_token");
    let campaign_text = campaign.to_string();
    let before = app.count("audit_log");
    let answered = browser
        .post(
            &format!("/registers/optout/{second}/confirm"),
            &[
                ("csrf_token", csrf.as_str()),
                ("campaign_id", campaign_text.as_str()),
                ("outcome", "confirmed"),
            ],
        )
        .await;
    assert_eq!(answered.status, 303, "{}", answered.html);
    assert_eq!(app.count("audit_log"), before + 1);
    let view = app
        .get(&format!("/api/v1/optout-campaigns/{campaign}"), &staff)
        .await;
    assert_eq!(view.body["tally"]["unanswered"], 0, "{}", view.body);
    let listed = desk.get("/registers/campaigns").await;
    assert!(
        listed
            .html
            .contains("令和元年度オプトアウト届出事業者に対する実態調査")
    );
}

/// Publishes guideline `version` of body `body` through the API.
async fn guideline(
    app: &TestApp,
    token: &str,
    body: i64,
    fields: &[(&str, &str)],
    files: &[(&str, &[u8])],
) -> crate::harness::Reply {
    let mut parts: Vec<(&str, Option<&str>, &[u8])> = fields
        .iter()
        .map(|(name, value)| (*name, None, value.as_bytes()))
        .collect();
    parts.extend(
        files
            .iter()
            .map(|(name, bytes)| ("file", Some(*name), *bytes)),
    );
    app.send(crate::harness::multipart(
        &format!("/api/v1/accredited-bodies/{body}/guidelines"),
        token,
        &parts,
    ))
    .await
}

/// 法第54条: a body's guidelines, each a version with its publication day and its file, listed
/// and downloadable on the public register while the body is accredited — and refused with the
/// field named when they make no sense.
async fn accredited_bodies_publish_their_guidelines_as_files(app: TestApp) {
    use crate::answers::{PDF, exe};
    let staff = app.staff();
    let body = app
        .post(
            "/api/v1/accredited-bodies",
            &staff,
            json!({
                "name": "一般社団法人指針協会", "accredited_on": "2005-04-01", "sector": "全業種",
                "scope": "苦情の処理"
            }),
        )
        .await
        .body["id"]
        .as_i64()
        .unwrap();
    let first = guideline(
        &app,
        &staff,
        body,
        &[("version", "第1版"), ("published_on", "2005-06-01")],
        &[("指針第1版.pdf", PDF)],
    )
    .await;
    first.assert_status(201);
    assert_eq!(first.body["version"], "第1版");
    assert_eq!(first.body["file"]["content_type"], "application/pdf");
    let second_pdf = "個人情報保護指針（改訂）\n第1条 目的\n".as_bytes().to_vec();
    let second = guideline(
        &app,
        &staff,
        body,
        &[
            ("version", "第2版"),
            ("title", "個人情報保護指針（改訂）"),
            ("published_on", "2022-04-01"),
        ],
        &[("指針第2版.txt", &second_pdf)],
    )
    .await;
    second.assert_status(201);

    // Refusals name their field and keep nothing.
    let before = app.count("body_guidelines");
    for (fields, files, field, status) in [
        (
            vec![("version", "第3版"), ("published_on", "2005-03-31")],
            vec![("a.pdf", PDF)],
            "published_on",
            422,
        ),
        (
            vec![("version", "第3版"), ("published_on", "2999-01-01")],
            vec![("a.pdf", PDF)],
            "published_on",
            422,
        ),
        (
            vec![("version", " "), ("published_on", "2023-01-01")],
            vec![("a.pdf", PDF)],
            "version",
            422,
        ),
        (
            vec![("published_on", "2023-01-01")],
            vec![("a.pdf", PDF)],
            "version",
            422,
        ),
        (
            vec![("version", "第3版"), ("published_on", "令和5年")],
            vec![("a.pdf", PDF)],
            "published_on",
            422,
        ),
        (
            vec![("version", "第3版"), ("published_on", "2023-01-01")],
            vec![],
            "file",
            422,
        ),
        (
            vec![
                ("version", "第3版"),
                ("published_on", "2023-01-01"),
                ("colour", "red"),
            ],
            vec![("a.pdf", PDF)],
            "colour",
            422,
        ),
        (
            vec![
                ("version", "第3版"),
                ("version", "第4版"),
                ("published_on", "2023-01-01"),
            ],
            vec![("a.pdf", PDF)],
            "version",
            422,
        ),
        (
            vec![("version", "第3版"), ("published_on", "2023-01-01")],
            vec![("a.pdf", PDF), ("b.pdf", PDF)],
            "file",
            413,
        ),
    ] {
        let files: Vec<(&str, &[u8])> = files.into_iter().collect();
        let refused = guideline(&app, &staff, body, &fields, &files).await;
        refused.assert_status(status);
        assert!(
            !refused.field_errors(field).is_empty(),
            "{fields:?}: {}",
            refused.body
        );
    }
    let program = exe();
    guideline(
        &app,
        &staff,
        body,
        &[("version", "第3版"), ("published_on", "2023-01-01")],
        &[("指針.pdf", &program)],
    )
    .await
    .assert_status(415);
    let again = guideline(
        &app,
        &staff,
        body,
        &[("version", "第2版"), ("published_on", "2023-01-01")],
        &[("a.pdf", PDF)],
    )
    .await;
    again.assert_status(409);
    assert_eq!(
        again.error_code(),
        "guideline_version_held",
        "{}",
        again.body
    );
    assert_eq!(app.count("body_guidelines"), before, "nothing kept");
    guideline(
        &app,
        &staff,
        9_999_999,
        &[("version", "第1版"), ("published_on", "2023-01-01")],
        &[("a.pdf", PDF)],
    )
    .await
    .assert_status(404);
    let organization = app
        .organization(&staff, "会員企業株式会社", "business")
        .await;
    let reporter = app.user(Role::Reporter, Some(organization));
    guideline(
        &app,
        &reporter,
        body,
        &[("version", "第3版"), ("published_on", "2023-01-01")],
        &[("a.pdf", PDF)],
    )
    .await
    .assert_status(403);

    // Staff list them newest first; the public register lists them with the body.
    let listed = app
        .get(
            &format!("/api/v1/accredited-bodies/{body}/guidelines"),
            &staff,
        )
        .await;
    listed.assert_status(200);
    let versions: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["第2版", "第1版"]);
    let public = app
        .call(
            actix_web::http::Method::GET,
            "/api/v1/public/registers/accredited-bodies",
            None,
            None,
        )
        .await;
    let listed = &public.body["items"][0]["guidelines"];
    assert_eq!(listed[0]["version"], "第2版", "{}", public.body);
    assert_eq!(listed[0]["title"], "個人情報保護指針（改訂）");
    assert_eq!(listed[1]["published_on"], "2005-06-01");
    let url = listed[0]["url"].as_str().unwrap().to_owned();
    let download = Browser::new(&app).get(&url).await;
    assert_eq!(download.status, 200);
    assert_eq!(
        download.body, second_pdf,
        "the file as published, for anyone"
    );
    let page = Browser::new(&app)
        .get("/public/registers/accredited-bodies")
        .await;
    assert!(
        page.html.contains("個人情報保護指針（改訂）（第2版）") && page.html.contains(&url),
        "{}",
        page.html
    );
    let people = Browser::new(&app)
        .get("/public/registers/accredited-bodies/csv")
        .await;
    let people = String::from_utf8_lossy(&people.body).into_owned();
    assert!(
        people.contains("個人情報保護指針（第1版）（2005-06-01 公表）"),
        "{people}"
    );

    // Staff publish in the browser: the form sends the file, a refusal comes back beside it.
    let user = app.web_user(Role::Staff, None, PASSWORD);
    let mut browser = Browser::new(&app);
    browser.login(&user, PASSWORD).await;
    let page = browser.get(&format!("/registers/bodies/{body}")).await;
    assert!(
        page.html.contains("enctype=\"multipart/form-data\""),
        "{}",
        page.html
    );
    let csrf = page.input("csrf_token");
    let path = format!("/registers/bodies/{body}/guidelines");
    let refused = browser
        .post_multipart(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", "第3版"),
                ("published_on", "2023-01-01"),
            ],
            &[],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.html);
    assert!(refused.html.contains("第3版"), "what was typed stays");
    let program = exe();
    let refused = browser
        .post_multipart(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", "第3版"),
                ("published_on", "2023-01-01"),
            ],
            &[("指針.pdf", &program)],
        )
        .await;
    assert_eq!(
        refused.status, 415,
        "a file's refusal keeps its status: {}",
        refused.html
    );
    assert!(refused.html.contains("第3版"), "what was typed stays");
    let before = app.count("audit_log");
    let published = browser
        .post_multipart(
            &path,
            &[
                ("csrf_token", &csrf),
                ("version", "第3版"),
                ("published_on", "2023-01-01"),
            ],
            &[("第3版.pdf", PDF)],
        )
        .await;
    assert_eq!(published.status, 303, "{}", published.html);
    assert_eq!(
        app.count("audit_log"),
        before + 2,
        "the guideline and its file"
    );
    let page = browser
        .get(&format!("/registers/bodies/{body}?done=guideline"))
        .await;
    assert!(page.html.contains("第3版（現行）"), "{}", page.html);

    // Once revoked, the body leaves the register and its guidelines with it; staff still read them.
    app.post(
        &format!("/api/v1/accredited-bodies/{body}/revocation"),
        &staff,
        json!({"revoked_on": "2024-01-01", "reason": "認定業務の廃止"}),
    )
    .await
    .assert_status(201);
    assert_eq!(Browser::new(&app).get(&url).await.status, 404);
    guideline(
        &app,
        &staff,
        body,
        &[("version", "第4版"), ("published_on", "2024-01-01")],
        &[("a.pdf", PDF)],
    )
    .await
    .assert_refused_field("published_on");
    let file = second.body["file"]["id"].as_i64().unwrap();
    // A reporter reaches a guideline only through the public register, not by a file's number.
    let (status, _, _) = app
        .download(&format!("/api/v1/attachments/{file}"), &reporter)
        .await;
    assert_eq!(status.as_u16(), 404);
    let (status, _, bytes) = app
        .download(&format!("/api/v1/attachments/{file}"), &staff)
        .await;
    assert_eq!(status.as_u16(), 200);
    assert_eq!(bytes, second_pdf);
}

/// The migration that lets a guideline own a file builds SQLite's attachments table again: every
/// file, its chunks and its id survive it both ways, and no id is given twice.
async fn the_guidelines_migration_keeps_every_file_and_its_ids(app: TestApp) {
    use crate::answers::PDF;
    let staff = app.staff();
    let case = app
        .post("/api/v1/cases", &staff, json!({"title": "添付の事案"}))
        .await;
    case.assert_status(201);
    let case = case.body["id"].as_i64().unwrap();
    let first = app
        .upload(
            &format!("/api/v1/cases/{case}/attachments"),
            &staff,
            &[("一.pdf", PDF), ("二.txt", "二番目".as_bytes())],
        )
        .await;
    first.assert_status(201);
    let ids: Vec<i64> = first.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    // A file removed by hand leaves its id used: the rebuilt table must not give it again.
    let removed = app
        .upload(
            &format!("/api/v1/cases/{case}/attachments"),
            &staff,
            &[("消す.pdf", PDF)],
        )
        .await
        .body["items"][0]["id"]
        .as_i64()
        .unwrap();
    app.execute(&format!(
        "DELETE FROM attachment_chunks WHERE attachment_id = {removed}"
    ));
    app.execute(&format!("DELETE FROM attachments WHERE id = {removed}"));
    let held = (app.count("attachments"), app.count("attachment_chunks"));
    let reverted = app
        .db
        .revert_migrations_through("20261206000022")
        .expect("revert the guidelines and the migrations after it");
    assert!(reverted >= 1);
    assert_eq!(
        (app.count("attachments"), app.count("attachment_chunks")),
        held
    );
    assert_eq!(app.db.run_migrations().unwrap().len(), reverted);
    assert_eq!(
        (app.count("attachments"), app.count("attachment_chunks")),
        held
    );
    let (status, _, bytes) = app
        .download(&format!("/api/v1/attachments/{}", ids[0]), &staff)
        .await;
    assert_eq!((status.as_u16(), bytes.as_slice()), (200, PDF));
    let (status, _, bytes) = app
        .download(&format!("/api/v1/attachments/{}", ids[1]), &staff)
        .await;
    assert_eq!(
        (status.as_u16(), bytes.as_slice()),
        (200, "二番目".as_bytes())
    );
    let more = app
        .upload(
            &format!("/api/v1/cases/{case}/attachments"),
            &staff,
            &[("三.pdf", PDF)],
        )
        .await;
    more.assert_status(201);
    assert!(
        more.body["items"][0]["id"].as_i64().unwrap() > removed,
        "no id given twice"
    );
}
