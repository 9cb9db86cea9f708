//! The staff's working day in headless Chromium, through the real forms and no API call for the
//! work itself (the API only sets the scene: organizations and reports that already exist): an
//! organization registered (a wrong check digit refused beside its field), a case opened with
//! three entities and two incidents joined by reference, meeting 244 recorded, a recommendation
//! decided at it marked not complied with, an order (refused first, naming the rule), a
//! complaint taken to a started mediation and closed, FY2019-H1 published — and each record
//! found again from its list with filters.

use fantoccini::{Client, Locator};
use leakdesk::domain::access::Role;
use serde_json::json;

use crate::accessibility::{assert_accessible, axe_source};
use crate::browser::{WAIT, browser, driver, login, screenshot, type_into};
use crate::harness::{TestApp, on_both_backends};
use crate::process::Server;
use crate::web::PASSWORD;

pub(crate) async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

/// Fills the form posting to `action` (by field name: selects, dates and text alike), ticks the
/// checkboxes named, and submits it.
pub(crate) async fn submit(client: &Client, action: &str, fields: &[(&str, &str)], ticks: &[&str]) {
    let form = client
        .form(Locator::Css(&format!("form[action='{action}']")))
        .await
        .unwrap_or_else(|e| panic!("form {action}: {e}"));
    for (name, value) in fields {
        form.set_by_name(name, value)
            .await
            .unwrap_or_else(|e| panic!("{action} {name}: {e}"));
    }
    for name in ticks {
        client
            .find(Locator::Css(&format!(
                "form[action='{action}'] input[type='checkbox'][name='{name}']"
            )))
            .await
            .unwrap_or_else(|e| panic!("{action} {name}: {e}"))
            .click()
            .await
            .unwrap();
    }
    submitted(client, form).await;
}

/// Submits a form and waits for the answer page to replace the page it was on.
pub(crate) async fn submitted(client: &Client, form: fantoccini::elements::Form) {
    let page = client.find(Locator::Css("html")).await.unwrap();
    form.submit().await.unwrap();
    let started = std::time::Instant::now();
    while page.tag_name().await.is_ok() {
        assert!(started.elapsed() < WAIT, "the form's answer did not arrive");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    client
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css("footer.site"))
        .await
        .expect("the answer page");
}

/// Follows a link and waits for its page.
pub(crate) async fn follow(client: &Client, css: &str) {
    let page = client.find(Locator::Css("html")).await.unwrap();
    client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while page.tag_name().await.is_ok() {
        assert!(started.elapsed() < WAIT, "the link's page did not arrive");
        actix_web::rt::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

pub(crate) async fn path(client: &Client) -> String {
    let url = client.current_url().await.unwrap();
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

/// The id a page's path ends with (`/cases/7?done=created` → 7).
pub(crate) fn id_in(path: &str, prefix: &str) -> i64 {
    path.strip_prefix(prefix)
        .and_then(|rest| rest.split(['?', '#', '/']).next())
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{path} is not under {prefix}"))
}

async fn a_staff_members_day_is_done_in_the_browser(app: TestApp) {
    let Some(driver) = driver() else { return };
    let backend = format!("{:?}", app.backend()).to_lowercase();
    let token = app.staff();
    let city = app.organization(&token, "架空市", "local_government").await;
    let vendor = app
        .organization(&token, "株式会社架空システム", "business")
        .await;
    let ministry = app.organization(&token, "架空省", "national_agency").await;
    let mut references = Vec::new();
    for (org, regime, summary) in [
        (city, "appi_public", "コンビニ交付で住民票を誤交付した。"),
        (
            vendor,
            "appi",
            "委託先のシステム不具合により証明書が誤って交付された。",
        ),
    ] {
        let reply = app
            .post(
                "/api/v1/reports",
                &token,
                json!({"organization_id": org, "regime": regime, "stage": "preliminary",
                    "aware_on": "2025-03-27", "received_on": "2025-03-28", "summary": summary,
                    "data_items": ["氏名", "住所"], "persons_affected": 14, "cause": "other",
                    "sensitive_data": false, "financial_damage_risk": false,
                    "unlawful_purpose": false}),
            )
            .await;
        reply.assert_status(201);
        references.push(reply.body["reference"].as_str().unwrap().to_owned());
    }
    let staff = app.web_user(Role::Staff, None, PASSWORD);
    let server = Server::start(&app, &[]);
    let base = format!("http://{}", server.address);
    let client = browser(&driver).await;
    login(&client, &base, &staff).await;

    // An organization: the wrong check digit refused beside the field, then the right one.
    client
        .goto(&format!("{base}/organizations/new"))
        .await
        .unwrap();
    let fields = [
        ("name", "株式会社架空商事"),
        ("kind", "business"),
        ("corporate_number", "1010001008844"),
        ("prefecture", "東京都"),
    ];
    submit(&client, "/organizations/new", &fields, &[]).await;
    let refusal = text_of(&client, "#field-corporate_number-error").await;
    assert!(refusal.contains("チェックデジット"), "{refusal}");
    assert_eq!(
        client
            .find(Locator::Id("field-name"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("株式会社架空商事"),
        "the typed name is kept"
    );
    screenshot(&client, &format!("{backend}-11-organization-refused")).await;
    // The pages in their refused states are checked by axe-core too (the accessibility test
    // walks every page as it first shows).
    let axe = axe_source();
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "the refused organization form").await;
    }
    let form = client
        .form(Locator::Css("form[action='/organizations/new']"))
        .await
        .unwrap();
    form.set_by_name("corporate_number", "7010001008844")
        .await
        .unwrap();
    submitted(&client, form).await;
    let heading = text_of(&client, "h1").await;
    assert_eq!(heading, "株式会社架空商事");
    assert!(id_in(&path(&client).await, "/organizations/") > ministry);

    // A case with three entities and two incidents.
    client.goto(&format!("{base}/cases/new")).await.unwrap();
    submit(
        &client,
        "/cases/new",
        &[
            ("title", "コンビニ交付サービスにおける証明書の誤交付"),
            (
                "summary",
                "委託先のシステム不具合により、別人の証明書が交付された。",
            ),
            ("occurred_from", "2025-03-20"),
            ("problem", "委託先の監督が不十分であった。"),
            ("response_policy", "委託元と委託先の双方に報告を求める。"),
        ],
        &[],
    )
    .await;
    let case = id_in(&path(&client).await, "/cases/");
    let entities = format!("/cases/{case}/entities");
    for (org, role, focus) in [
        (city, "originator", "委託先の監督（法第66条第2項）"),
        (vendor, "contractor", "システムの検証体制"),
        (ministry, "ministry_in_charge", "制度の運用"),
    ] {
        submit(
            &client,
            &entities,
            &[
                ("organization_id", &org.to_string()),
                ("role", role),
                ("focus_points", focus),
            ],
            &[],
        )
        .await;
        assert!(
            text_of(&client, ".notice")
                .await
                .contains("関係機関を追加しました")
        );
    }
    // An entity's focus points edited.
    follow(
        &client,
        &format!("a[href='/cases/{case}/entities/edit?organization_id={ministry}']"),
    )
    .await;
    submit(
        &client,
        &format!("/cases/{case}/entities/edit"),
        &[
            ("role", "ministry_in_charge"),
            ("focus_points", "制度の運用と周知"),
        ],
        &[],
    )
    .await;
    assert!(text_of(&client, "main").await.contains("制度の運用と周知"));
    let incidents = format!("/cases/{case}/incidents");
    submit(&client, &incidents, &[("reference", "LR-2025-999999")], &[]).await;
    let refusal = text_of(&client, "#incident-reference-error").await;
    assert!(refusal.contains("LR-2025-999999"), "{refusal}");
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "the case page with a refused reference").await;
    }
    for reference in &references {
        submit(&client, &incidents, &[("reference", reference)], &[]).await;
        assert!(
            text_of(&client, ".notice")
                .await
                .contains("漏えい等事案を追加しました")
        );
    }
    let page = text_of(&client, "main").await;
    for expected in [
        "架空市",
        "委託先",
        "システムの検証体制",
        "架空省",
        references[0].as_str(),
        references[1].as_str(),
    ] {
        assert!(page.contains(expected), "{expected} on the case page");
    }
    screenshot(&client, &format!("{backend}-12-case")).await;

    // Meeting 244, a recommendation decided at it, an order refused, then not complied, then the order.
    client.goto(&format!("{base}/meetings/new")).await.unwrap();
    submit(
        &client,
        "/meetings/new",
        &[("number", "244"), ("held_on", "2025-04-01")],
        &[],
    )
    .await;
    assert!(text_of(&client, "table.list").await.contains("第244回"));
    let recommend = [
        ("kind", "recommendation"),
        ("regime", "appi"),
        ("organization_id", &vendor.to_string()),
        ("case_id", &case.to_string()),
        ("started_on", "2025-04-02"),
        ("meeting_number", "244"),
    ];
    client.goto(&format!("{base}/actions/new")).await.unwrap();
    submit(&client, "/actions/new", &recommend, &[]).await;
    assert!(
        path(&client).await.starts_with(&format!("/cases/{case}")),
        "{}",
        text_of(&client, "main").await
    );
    let order = [
        ("kind", "order"),
        ("regime", "appi"),
        ("organization_id", &vendor.to_string()),
        ("case_id", &case.to_string()),
        ("started_on", "2025-05-01"),
        ("meeting_number", "244"),
    ];
    client.goto(&format!("{base}/actions/new")).await.unwrap();
    submit(&client, "/actions/new", &order, &["imminent_harm"]).await;
    let refusal = text_of(&client, ".error-summary").await;
    assert!(refusal.contains("命令には"), "{refusal}");
    assert!(refusal.contains("勧告"), "{refusal}");
    screenshot(&client, &format!("{backend}-13-order-refused")).await;
    if let Some(axe) = &axe {
        assert_accessible(&client, axe, "the refused order").await;
    }
    client
        .goto(&format!(
            "{base}/actions?case_id={case}&kind=recommendation"
        ))
        .await
        .unwrap();
    follow(&client, "table.list tbody tr td a").await;
    let recommendation = id_in(&path(&client).await, "/actions/");
    submit(
        &client,
        &format!("/actions/{recommendation}/complete"),
        &[("ended_on", "2025-04-30"), ("complied", "false")],
        &[],
    )
    .await;
    assert!(
        text_of(&client, "dl.summary")
            .await
            .contains("従わなかった")
    );
    client.goto(&format!("{base}/actions/new")).await.unwrap();
    submit(&client, "/actions/new", &order, &["imminent_harm"]).await;
    assert!(
        text_of(&client, ".notice")
            .await
            .contains("監督措置を記録しました")
    );
    client
        .goto(&format!("{base}/meetings?number=244"))
        .await
        .unwrap();
    let decided = text_of(&client, "table.list").await;
    assert!(
        decided.contains("勧告") && decided.contains("命令"),
        "{decided}"
    );
    screenshot(&client, &format!("{backend}-14-meeting")).await;

    // A complaint taken to mediation: applied, eligible, started, a step, closed.
    client
        .goto(&format!("{base}/consultations/new"))
        .await
        .unwrap();
    let form = client
        .form(Locator::Css("form[action='/consultations/new']"))
        .await
        .unwrap();
    form.set_by_name("desk", "private").await.unwrap();
    form.set_by_name("class", "complaint").await.unwrap();
    form.set_by_name("received_on", "2025-06-02").await.unwrap();
    client
        .find(Locator::Css(
            "input[name='categories'][value='third_party_provision']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    type_into(
        &client,
        "summary",
        "本人の同意なく名簿を第三者に提供された。",
    )
    .await;
    submitted(&client, form).await;
    let consultation = id_in(&path(&client).await, "/consultations/");
    follow(
        &client,
        &format!("a[href='/mediations/new?consultation_id={consultation}']"),
    )
    .await;
    submit(
        &client,
        "/mediations/new",
        &[("applied_on", "2025-06-10")],
        &["entity_identifiable", "applicant_is_party"],
    )
    .await;
    let mediation = id_in(&path(&client).await, "/mediations/");
    assert!(
        text_of(&client, "#eligibility")
            .await
            .contains("要件を満たしています")
    );
    let at = |step: &str| format!("/mediations/{mediation}/{step}");
    submit(&client, &at("start"), &[("started_on", "2025-06-12")], &[]).await;
    submit(
        &client,
        &at("step"),
        &[
            ("kind", "urged_entity"),
            ("taken_on", "2025-06-20"),
            ("note", "事業者に対応を促した。"),
        ],
        &[],
    )
    .await;
    submit(
        &client,
        &at("close"),
        &[("closed_on", "2025-07-15"), ("outcome", "resolved")],
        &[],
    )
    .await;
    let summary = text_of(&client, "dl.summary").await;
    assert!(
        summary.contains("終了") && summary.contains("解決"),
        "{summary}"
    );
    screenshot(&client, &format!("{backend}-15-mediation")).await;

    // FY2019-H1 published, after its confirmation.
    client
        .goto(&format!("{base}/stats/activity/FY2019-H1"))
        .await
        .unwrap();
    follow(&client, "a[href='/stats/activity/FY2019-H1/publish']").await;
    assert!(
        text_of(&client, "#publish-heading")
            .await
            .contains("公表の確認")
    );
    screenshot(&client, &format!("{backend}-16-publish-confirm")).await;
    submit(&client, "/stats/activity/FY2019-H1/publish", &[], &[]).await;
    assert!(text_of(&client, ".notice").await.contains("公表しました"));
    assert!(
        text_of(&client, ".publication")
            .await
            .contains("公表の数値")
    );
    // The public reads it from the list of published periods, with no login needed.
    client.goto(&format!("{base}/public/stats")).await.unwrap();
    follow(&client, "a[href='/public/stats/activity/FY2019-H1']").await;
    assert!(text_of(&client, ".publication").await.contains("公表"));
    assert!(text_of(&client, "header").await.contains("公表統計"));
    screenshot(&client, &format!("{backend}-21-public-activity")).await;
    // The half of the two reports above, with its indicators.
    client
        .goto(&format!(
            "{base}/stats/activity/FY2024-H2#indicators-heading"
        ))
        .await
        .unwrap();
    let indicators = text_of(&client, "section.indicators").await;
    assert!(indicators.contains("その他"), "{indicators}");
    assert!(indicators.contains("地方公共団体"), "{indicators}");
    screenshot(&client, &format!("{backend}-22-indicators")).await;

    // Each record found again from its list, by its filters.
    for (list, expected) in [
        (
            "/cases?q=誤交付&status=open",
            "コンビニ交付サービスにおける証明書の誤交付",
        ),
        (
            &format!("/cases?organization_id={vendor}") as &str,
            "コンビニ交付サービス",
        ),
        (
            "/organizations?corporate_number=7010001008844",
            "株式会社架空商事",
        ),
        ("/organizations?name=架空商", "株式会社架空商事"),
        ("/meetings?number=244", "第244回"),
        ("/actions?meeting_number=244&kind=order", "命令"),
        (
            "/consultations?class=complaint&desk=private",
            "名簿を第三者に提供",
        ),
        ("/mediations?status=closed", "解決"),
    ] {
        client.goto(&format!("{base}{list}")).await.unwrap();
        let rows = text_of(&client, "table.list tbody").await;
        assert!(rows.contains(expected), "{list}: {rows}");
    }
    client
        .goto(&format!("{base}/actions?meeting_number=244&kind=order"))
        .await
        .unwrap();
    assert!(text_of(&client, "main").await.contains("1件"));
    screenshot(&client, &format!("{backend}-17-actions-filtered")).await;
    client.close().await.unwrap();
    drop(server);
}

on_both_backends!(a_staff_members_day_is_done_in_the_browser);
