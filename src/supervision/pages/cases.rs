//! Cases (事案) on the pages: the list with its filters (sorted by last activity), the form that
//! opens one, the form that edits one, and on each case's page the forms that add an entity with
//! its role and focus points and join an incident by its reference — all on the commands the
//! API uses (`supervision::commands`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::case::{CaseStatus, EntityRole};
use crate::error::{AppError, FieldErrors, Missing};
use crate::files::{Owner, store as attachments};
use crate::reads::{Read, ReadLog};
use crate::records::organizations;
use crate::supervision::{
    CaseChanges, CaseEntityChanges, CaseFilter, CaseView, NewCase, NewCaseEntity, cases, commands,
};
use crate::web::files::{Files, attached_notice};
use crate::web::forms::{
    self, Field, FormPage, FormPart, FormState, Input, Section, Values, options,
    organization_options, yes_no,
};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

fn status_input() -> Input {
    Input::Select(options(
        CaseStatus::ALL,
        CaseStatus::as_str,
        CaseStatus::label_ja,
    ))
}

fn case_sections(editing: bool) -> Vec<Section> {
    let status = Field::new("status", "状況", status_input());
    vec![
        Section {
            legend: "事案",
            fields: vec![
                Field::new("title", "件名", Input::Text).required(),
                Field::new("summary", "事案の概要", Input::TextArea),
                Field::new("occurred_from", "発生期間（始め）", Input::Date),
                Field::new("occurred_to", "発生期間（終わり）", Input::Date),
                if editing {
                    status.required()
                } else {
                    status.hint("空欄なら「対応中」。")
                },
                Field::new("as_of", "時点", Input::Date)
                    .hint("記載の内容がいつ時点のものか（例：令和5年3月31日時点）。"),
                Field::new("published", "公表する", Input::Checkbox),
            ],
        },
        Section {
            legend: "問題の所在と対応方針",
            fields: vec![
                Field::new("problem", "問題の所在", Input::TextArea),
                Field::new("response_policy", "対応方針", Input::TextArea),
            ],
        },
    ]
}

fn filter_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![Section {
        legend: "絞り込み",
        fields: vec![
            Field::new("q", "件名・概要・問題の所在・対応方針の語句", Input::Text),
            Field::new("status", "状況", status_input()),
            Field::new("published", "公表", yes_no("公表済み", "非公表")),
            Field::new(
                "organization_id",
                "関係機関",
                Input::Select(organization_options(organizations)),
            ),
            lists::page_size_field(),
        ],
    }]
}

/// The cases, most recently active first, with their filters.
#[utoipa::path(get, path = "/cases", tag = "pages", params(CaseFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/cases")]
pub async fn cases_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let choices = db.read(|conn| organizations::choices(conn, 2000)).await?;
    let list = List {
        heading: "事案の一覧",
        lead: "最終更新（編集、関係機関・漏えい等事案の追加、監督措置の記録）の新しい順です。",
        path: "/cases",
        file: "cases",
        links: vec![Link {
            href: "/cases/new".into(),
            label: "事案を登録する",
        }],
        sections: filter_sections(choices),
    };
    let (asked, filter) = lists::Request::read::<CaseFilter>(&request, &list.sections);
    let filter = filter.map(|mut filter| {
        filter.sort = Some(crate::supervision::CaseOrder::LastActivity);
        filter
    });
    let fetch = |conn: &mut crate::db::DbConnection, filter: &CaseFilter| {
        let found = cases::list(conn, filter)?;
        let ids: Vec<i64> = found.items.iter().map(|case| case.id).collect();
        let table = Table {
            caption: "事案",
            columns: vec!["番号", "件名", "状況", "時点", "公表", "最終更新"],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|case| {
                    vec![
                        Cell::link(case.id, format!("/cases/{}", case.id)),
                        Cell::link(&case.title, format!("/cases/{}", case.id)),
                        Cell::text(case.status.label_ja()),
                        Cell::date(case.as_of),
                        Cell::text(if case.published {
                            "公表済み"
                        } else {
                            "—"
                        }),
                        Cell::text(crate::clock::japan_minute(&case.updated_at)),
                    ]
                })
                .collect(),
        };
        Ok(table.pickable(crate::domain::work::RecordKind::Case.as_str(), &ids))
    };
    lists::serve(list, user.chrome("事案の一覧"), &db, &asked, filter, fetch).await
}

const NEW_CASE: (&str, &str, &str) = (
    "事案の登録",
    "監視・監督の対象となる事案を登録します。関係機関と漏えい等事案は、登録後の事案のページで追加します。",
    "登録する",
);
const EDIT_CASE: (&str, &str, &str) = ("事案の編集", "空欄にした項目は消去されます。", "保存する");

#[utoipa::path(get, path = "/cases/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/cases/new")]
pub async fn new_case(user: WebUser<StaffOnly>) -> Result<HttpResponse, WebError> {
    let sections = case_sections(false);
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_CASE.0),
            NEW_CASE,
            "/cases/new".into(),
            &sections,
            &FormState::default(),
        ),
    )
}

#[utoipa::path(post, path = "/cases/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the case's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/cases/new")]
pub async fn create_case(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = case_sections(false);
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewCase>(&sections, &values) {
        Ok(new) => commands::open_case(&db, user.actor(), new, today())
            .await
            .map(|case| format!("/cases/{}?done=created", case.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let chrome = user.chrome(NEW_CASE.0);
    forms::answered(
        outcome,
        values,
        chrome,
        NEW_CASE,
        "/cases/new".into(),
        &sections,
    )
}

#[utoipa::path(get, path = "/cases/{id}/edit", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such case")))]
#[get("/cases/{id}/edit")]
pub async fn edit_case_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Case)?;
    let case = db
        .read(move |conn| cases::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Case))?;
    let sections = case_sections(true);
    let json = serde_json::to_value(&case).map_err(|e| AppError::internal(e.to_string()))?;
    let values = match &json {
        Value::Object(object) => Values::from_json(object, &sections),
        _ => Values::default(),
    };
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(EDIT_CASE.0),
            EDIT_CASE,
            format!("/cases/{id}/edit"),
            &sections,
            &FormState::with(values),
        ),
    )
}

#[utoipa::path(post, path = "/cases/{id}/edit", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the case's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such case"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/cases/{id}/edit")]
pub async fn edit_case(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Case)?;
    let sections = case_sections(true);
    let (values, parsed) = forms::changes::<CaseChanges>(&form, &sections);
    let outcome = match parsed {
        Ok(changes) => commands::update_case(&db, user.actor(), id, changes, today())
            .await
            .map(|_| format!("/cases/{id}?done=saved")),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(EDIT_CASE.0), format!("/cases/{id}/edit"));
    forms::answered(outcome, values, chrome, EDIT_CASE, action, &sections)
}

fn entity_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![Section {
        legend: "関係機関",
        fields: vec![
            Field::new(
                "organization_id",
                "機関",
                Input::Select(organization_options(organizations)),
            )
            .required(),
            Field::new(
                "role",
                "立場",
                Input::Select(options(
                    EntityRole::ALL,
                    EntityRole::as_str,
                    EntityRole::label_ja,
                )),
            )
            .required(),
            Field::new("focus_points", "着眼点", Input::TextArea),
        ],
    }]
}

fn incident_sections() -> Vec<Section> {
    vec![Section {
        legend: "漏えい等事案",
        fields: vec![
            Field::new("reference", "受付番号", Input::Text)
                .required()
                .hint("漏えい等報告の受付番号（例：LR-2026-000123）。"),
        ],
    }]
}

#[derive(Template)]
#[template(path = "supervision/case.html")]
struct CasePage {
    chrome: Chrome,
    case: CaseView,
    files: Files,
    entity_form: String,
    incident_form: String,
    /// The case's assignee, notes and timeline (the work's panel).
    panels: Vec<String>,
}

/// Which of the case page's forms was sent, and what it shows.
enum Sent {
    Nothing,
    Entity(FormState),
    Incident(FormState),
}

async fn case_page_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    sent: Sent,
    panels: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let today = today();
    let (case, files, choices) = db
        .read(move |conn| {
            let case = cases::find(conn, id)?.ok_or(AppError::NotFound(Missing::Case))?;
            let files = attachments::list(conn, Owner::Case(id))?;
            let choices = organizations::choices(conn, 2000)?;
            Ok((cases::view(conn, case, today)?, files, choices))
        })
        .await?;
    let (entity, incident) = match sent {
        Sent::Nothing => (FormState::default(), FormState::default()),
        Sent::Entity(state) => (state, FormState::default()),
        Sent::Incident(state) => (FormState::default(), state),
    };
    let entity_form = FormPart::html(
        "entity",
        "関係機関を追加する",
        format!("/cases/{id}/entities"),
        "追加する",
        user.csrf(),
        &entity_sections(choices),
        &entity,
    )?;
    let incident_form = FormPart::html(
        "incident",
        "漏えい等事案を追加する",
        format!("/cases/{id}/incidents"),
        "追加する",
        user.csrf(),
        &incident_sections(),
        &incident,
    )?;
    page(
        status,
        &CasePage {
            chrome: user
                .chrome(format!("事案 {}", case.case.title))
                .with_notice(notice),
            case,
            files: Files::new(
                "添付ファイル",
                files,
                Some(format!("/cases/{id}/attachments")),
            ),
            entity_form,
            incident_form,
            panels,
        },
    )
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct CaseQuery {
    attached: Option<String>,
    done: Option<String>,
}

fn done_notice(done: Option<&str>) -> Option<String> {
    Some(
        match done? {
            "created" => "事案を登録しました。",
            "saved" => "事案を保存しました。",
            "entity" => "関係機関を追加しました。",
            "entity_saved" => "関係機関の立場と着眼点を保存しました。",
            "incident" => "漏えい等事案を追加しました。",
            "action" => "監督措置を記録しました。",
            _ => return None,
        }
        .to_owned(),
    )
}

/// A case: its entities with their roles and focus points, its incidents, its timeline and
/// files, and the forms that add to them.
#[utoipa::path(get, path = "/cases/{id}", tag = "pages", params(("id" = String, Path), ("attached" = Option<String>, Query, description = "after an upload: how many files were attached (a notice)"), ("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such case")))]
#[get("/cases/{id}")]
pub async fn case_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    parts: web::Data<crate::web::parts::PageParts>,
    id: web::Path<String>,
    query: web::Query<CaseQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Case)?;
    let notice =
        attached_notice(query.attached.as_deref()).or_else(|| done_notice(query.done.as_deref()));
    let panels = crate::web::parts::panels_of(
        &db,
        &parts,
        &user.principal,
        user.csrf(),
        crate::domain::work::RecordKind::Case,
        id,
        format!("/cases/{id}"),
    )
    .await?;
    let answer = case_page_answer(
        &user,
        &db,
        id,
        StatusCode::OK,
        notice,
        Sent::Nothing,
        panels,
    )
    .await?;
    reads.record(user.role, user.actor(), Read::Case(id));
    Ok(answer)
}

#[utoipa::path(post, path = "/cases/{id}/entities", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `organization_id`, `role`, `focus_points`"), responses((status = 303, description = "done: to the case's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such case"), (status = 409, description = "refused by a rule: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/cases/{id}/entities")]
pub async fn add_entity(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Case)?;
    let sections = entity_sections(Vec::new());
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewCaseEntity>(&sections, &values) {
        Ok(new) => commands::add_entity(&db, user.actor(), id, new)
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cases/{id}?done=entity#entities"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            case_page_answer(
                &user,
                &db,
                id,
                status,
                None,
                Sent::Entity(state),
                Vec::new(),
            )
            .await
        }
    }
}

#[utoipa::path(post, path = "/cases/{id}/incidents", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token` and `reference`, the incident's reference (LR-2026-000123)"), responses((status = 303, description = "done: to the case's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such case"), (status = 409, description = "refused by a rule: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/cases/{id}/incidents")]
pub async fn add_incident(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Case)?;
    let sections = incident_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match values
        .get("reference")
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        Some(reference) => {
            commands::join_incident(&db, user.actor(), id, reference.to_owned(), today())
                .await
                .map(|_| ())
        }
        None => Err(FieldErrors::single(
            "reference",
            crate::error::Refusal::Required,
        )),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/cases/{id}?done=incident#incidents"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            case_page_answer(
                &user,
                &db,
                id,
                status,
                None,
                Sent::Incident(state),
                Vec::new(),
            )
            .await
        }
    }
}

fn entity_edit_sections() -> Vec<Section> {
    vec![Section {
        legend: "関係機関",
        fields: vec![
            Field::new("organization_id", "機関", Input::Hidden),
            Field::new(
                "role",
                "立場",
                Input::Select(options(
                    EntityRole::ALL,
                    EntityRole::as_str,
                    EntityRole::label_ja,
                )),
            )
            .required(),
            Field::new("focus_points", "着眼点", Input::TextArea)
                .hint("空欄にすると消去されます。"),
        ],
    }]
}

const EDIT_ENTITY: (&str, &str, &str) = ("関係機関の立場と着眼点の変更", "", "保存する");

#[derive(Debug, Default, serde::Deserialize)]
pub struct EntityQuery {
    organization_id: Option<String>,
}

/// The form that changes an entity's role and focus points in a case.
#[utoipa::path(get, path = "/cases/{id}/entities/edit", tag = "pages", params(("id" = String, Path), ("organization_id" = Option<String>, Query, description = "the entity")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such case, or the organization is not in it")))]
#[get("/cases/{id}/entities/edit")]
pub async fn edit_entity_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: web::Query<EntityQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Case)?;
    let organization_id: i64 = query
        .organization_id
        .as_deref()
        .and_then(|o| o.parse().ok())
        .ok_or(AppError::NotFound(Missing::Organization))?;
    let today = today();
    let case = db
        .read(move |conn| {
            let case = cases::find(conn, id)?.ok_or(AppError::NotFound(Missing::Case))?;
            cases::view(conn, case, today)
        })
        .await?;
    let entity = case
        .entities
        .iter()
        .find(|e| e.organization_id == organization_id)
        .ok_or(AppError::NotFound(Missing::Organization))?;
    let mut values = Values::default();
    values.set("organization_id", organization_id.to_string());
    values.set("role", entity.role.as_str());
    if let Some(focus) = &entity.focus_points {
        values.set("focus_points", focus.clone());
    }
    let chrome = user.chrome(format!("{}（{}）", EDIT_ENTITY.0, entity.name));
    page(
        StatusCode::OK,
        &FormPage::new(
            chrome,
            EDIT_ENTITY,
            format!("/cases/{id}/entities/edit"),
            &entity_edit_sections(),
            &FormState::with(values),
        ),
    )
}

#[utoipa::path(post, path = "/cases/{id}/entities/edit", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `organization_id`, `role`, `focus_points` (empty clears)"), responses((status = 303, description = "done: to the case's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such case, or the organization is not in it"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/cases/{id}/entities/edit")]
pub async fn edit_entity(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Case)?;
    let sections = entity_edit_sections();
    let values = Values::from_form(&form, &sections);
    let (mut json, errors) = forms::to_json(&sections, &values);
    forms::clearing_empty(&mut json, &sections);
    let organization_id = json
        .as_object_mut()
        .and_then(|o| o.remove("organization_id"))
        .and_then(|o| o.as_i64())
        .ok_or(AppError::NotFound(Missing::Organization))?;
    let outcome = match forms::parse_value::<CaseEntityChanges>(&json, errors) {
        Ok(changes) => commands::update_entity(&db, user.actor(), id, organization_id, changes)
            .await
            .map(|_| format!("/cases/{id}?done=entity_saved#entities")),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (
        user.chrome(EDIT_ENTITY.0),
        format!("/cases/{id}/entities/edit"),
    );
    forms::answered(outcome, values, chrome, EDIT_ENTITY, action, &sections)
}
