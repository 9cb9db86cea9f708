//! The hotline on the pages (相談・苦情あっせん): the consultations with their filters, one
//! consultation with the form that edits it and refers it to supervision, and complaint
//! mediation from application to outcome — on the commands the API uses (`hotline::commands`);
//! where the law says no, the page says why in Japanese.

pub mod consultation_form;

use crate::hotline::labels::CONSULTATION;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::hotline::{
    ConsultationClass, Desk, MediationOutcome, MediationStatus, StepKind, may_move, obstacle_ja,
};
use crate::error::{AppError, Missing};
use crate::hotline::{
    CategoryFilter, ConsultationChanges, ConsultationFilter, ConsultationView, MediationChange,
    MediationFilter, MediationView, NewMediation, NewStep, commands, mediations, store,
};
use crate::reads::{Read, ReadLog};
use crate::records::organizations;
use crate::web::forms::{
    self, DoneQuery, Field, FormPage, FormPart, FormState, Input, Section, Values, options,
    organization_options, yes_no,
};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

fn desk_input() -> Input {
    Input::Select(options(Desk::ALL, Desk::as_str, Desk::label_ja))
}

/// The consultations, with their filters.
#[utoipa::path(get, path = "/consultations", tag = "pages", params(ConsultationFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/consultations")]
pub async fn consultations_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let categories = db
        .read(|conn| store::categories(conn, &CategoryFilter::default()))
        .await?;
    let category_options = categories
        .iter()
        .map(|c| (c.code.clone(), format!("{}：{}", c.code, c.label_ja)))
        .collect();
    let list = List {
        heading: "相談の一覧",
        lead: "",
        path: "/consultations",
        file: "consultations",
        links: vec![Link {
            href: "/consultations/new".into(),
            label: "相談を記録する",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new("desk", "窓口", desk_input()),
                Field::new(
                    "class",
                    "区分",
                    Input::Select(options(
                        ConsultationClass::ALL,
                        ConsultationClass::as_str,
                        ConsultationClass::label_ja,
                    )),
                ),
                Field::new("category", "類型", Input::Select(category_options)),
                Field::new("received_from", "受付日（から）", Input::Date),
                Field::new("received_to", "受付日（まで）", Input::Date),
                Field::new(
                    "referred_to_supervision",
                    "監視・監督担当への情報提供",
                    yes_no("情報提供したもの", "していないもの"),
                ),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<ConsultationFilter>(&request, &list.sections);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &ConsultationFilter| {
        let found = store::list(conn, filter)?;
        let picked: Vec<i64> = found.items.iter().map(|v| v.consultation.id).collect();
        let table = Table {
            caption: "相談",
            columns: vec!["番号", "受付日", "窓口", "区分", "類型", "情報提供", "内容"],
            total: found.count(),
            rows: found
                .items
                .iter()
                .map(|view| {
                    let c = &view.consultation;
                    let href = format!("/consultations/{}", c.id);
                    let labels: Vec<&str> = view
                        .categories
                        .iter()
                        .map(|k| k.label_ja.as_str())
                        .collect();
                    vec![
                        Cell::link(c.id, &href),
                        Cell::day(c.received_on),
                        Cell::text(c.desk.label_ja()),
                        Cell::text(c.class.label_ja()),
                        Cell::text(labels.join("、")),
                        Cell::text(if c.referred_to_supervision {
                            "した"
                        } else {
                            "—"
                        }),
                        Cell::link(
                            lists::shortened(c.summary.as_deref().unwrap_or("—"), 40),
                            &href,
                        ),
                    ]
                })
                .collect(),
        };
        Ok(table.pickable(
            crate::domain::work::RecordKind::Consultation.as_str(),
            &picked,
        ))
    };
    let full = lists::Full::of(&CONSULTATION, organizations::names_in, store::list);
    lists::serve_with(
        list,
        user.chrome("相談の一覧"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

fn consultation_edit_sections(organizations: Vec<(i64, String)>) -> Vec<Section> {
    vec![Section {
        legend: "助言と情報提供",
        fields: vec![
            Field::new("advice", "助言等の内容", Input::TextArea),
            Field::new(
                "referred_to_supervision",
                "監視・監督担当へ情報提供した",
                Input::Checkbox,
            ),
            Field::new("case_id", "事案（ケース）番号", Input::Integer)
                .hint("情報提供した場合に、つなげる事案の番号。"),
            Field::new(
                "organization_id",
                "相談の対象となった事業者等",
                Input::Select(organization_options(organizations)),
            ),
        ],
    }]
}

#[derive(Template)]
#[template(path = "hotline/consultation.html")]
struct ConsultationPage {
    chrome: Chrome,
    view: ConsultationView,
    organization: Option<String>,
    mediations: Table,
    edit_form: String,
    /// The consultation's assignee, notes and timeline (the work's panel).
    panels: Vec<String>,
}

impl ConsultationPage {
    /// A field's short label, as the consultation's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        CONSULTATION.short(field)
    }
}

impl ConsultationPage {
    fn is_complaint(&self) -> bool {
        self.view.consultation.class == ConsultationClass::Complaint
    }
}

fn mediation_rows(found: &[MediationView]) -> Vec<Vec<Cell>> {
    found
        .iter()
        .map(|view| {
            let m = &view.mediation;
            let href = format!("/mediations/{}", m.id);
            vec![
                Cell::link(m.id, &href),
                Cell::day(m.applied_on),
                Cell::link(
                    format!("相談 {}", m.consultation_id),
                    format!("/consultations/{}", m.consultation_id),
                ),
                Cell::link(m.status.label_ja(), &href),
                Cell::text(if view.eligible {
                    "満たす"
                } else {
                    "満たさない"
                }),
                Cell::text(m.outcome.0.map_or("—", MediationOutcome::label_ja)),
            ]
        })
        .collect()
}

const MEDIATION_COLUMNS: [&str; 6] = ["番号", "申出日", "苦情", "状況", "要件", "結果"];

async fn consultation_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    edit: Option<FormState>,
    panels: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let (view, organization, found, choices) = db
        .read(move |conn| {
            let view = store::find(conn, id)?.ok_or(AppError::NotFound(Missing::Consultation))?;
            let organization = match view.consultation.organization_id {
                Some(org) => organizations::names(conn, &[org])?.remove(&org),
                None => None,
            };
            let found = mediations::list(
                conn,
                &MediationFilter {
                    consultation_id: Some(id),
                    ..MediationFilter::default()
                },
            )?;
            Ok((
                view,
                organization,
                found,
                organizations::choices(conn, 2000)?,
            ))
        })
        .await?;
    let sections = consultation_edit_sections(choices);
    let edit = edit.unwrap_or_else(|| {
        let c = &view.consultation;
        let mut values = Values::default();
        if let Some(advice) = &c.advice {
            values.set("advice", advice.clone());
        }
        if c.referred_to_supervision {
            values.set("referred_to_supervision", "true");
        }
        if let Some(case) = c.case_id {
            values.set("case_id", case.to_string());
        }
        if let Some(org) = c.organization_id {
            values.set("organization_id", org.to_string());
        }
        FormState::with(values)
    });
    let edit_form = FormPart::html(
        "edit",
        "助言・情報提供を記録する",
        format!("/consultations/{id}/edit"),
        "保存する",
        user.csrf(),
        &sections,
        &edit,
    )?;
    page(
        status,
        &ConsultationPage {
            chrome: user.chrome(format!("相談 {id}")).with_notice(notice),
            view,
            organization,
            mediations: Table {
                caption: "この苦情からの苦情あっせん",
                columns: MEDIATION_COLUMNS.to_vec(),
                total: found.count(),
                rows: mediation_rows(&found.items),
            },
            edit_form,
            panels,
        },
    )
}

/// One consultation: what was asked and advised, its categories, its mediations, and the form
/// that records advice and refers it to supervision.
#[utoipa::path(get, path = "/consultations/{id}", tag = "pages", params(("id" = String, Path), ("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such consultation")))]
#[get("/consultations/{id}")]
pub async fn consultation_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    parts: web::Data<crate::web::parts::PageParts>,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Consultation)?;
    let notice = match query.done.as_deref() {
        Some("recorded") => Some("相談を記録しました。".to_owned()),
        Some("saved") => Some("保存しました。".to_owned()),
        _ => None,
    };
    let panels = crate::web::parts::panels_of(
        &db,
        &parts,
        &user.principal,
        user.csrf(),
        crate::domain::work::RecordKind::Consultation,
        id,
        format!("/consultations/{id}"),
    )
    .await?;
    let answer = consultation_answer(&user, &db, id, StatusCode::OK, notice, None, panels).await?;
    reads.record(user.role, user.actor(), Read::Consultation(id));
    Ok(answer)
}

#[utoipa::path(post, path = "/consultations/{id}/edit", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `advice`, `referred_to_supervision`, `case_id`, `organization_id` (empty clears)"), responses((status = 303, description = "done: to the consultation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such consultation"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/consultations/{id}/edit")]
pub async fn edit_consultation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Consultation)?;
    let sections = consultation_edit_sections(Vec::new());
    let (values, parsed) = forms::changes::<ConsultationChanges>(&form, &sections);
    let outcome = match parsed {
        Ok(changes) => commands::update_consultation(&db, user.actor(), id, changes)
            .await
            .map(|_| ()),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/consultations/{id}?done=saved"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            consultation_answer(&user, &db, id, status, None, Some(state), Vec::new()).await
        }
    }
}

/// The mediations, by state.
#[utoipa::path(get, path = "/mediations", tag = "pages", params(MediationFilter), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/mediations")]
pub async fn mediations_list(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let list = List {
        heading: "苦情あっせんの一覧",
        lead: "苦情あっせんの申出は、苦情の相談のページから記録します。",
        path: "/mediations",
        file: "mediations",
        links: vec![Link {
            href: "/consultations?class=complaint".into(),
            label: "苦情の相談を探す",
        }],
        sections: vec![Section {
            legend: "絞り込み",
            fields: vec![
                Field::new(
                    "status",
                    "状況",
                    Input::Select(options(
                        MediationStatus::ALL,
                        MediationStatus::as_str,
                        MediationStatus::label_ja,
                    )),
                ),
                Field::new("desk", "窓口", desk_input()),
                Field::new("consultation_id", "苦情（相談番号）", Input::Integer),
                Field::new("applied_from", "申出日（から）", Input::Date),
                Field::new("applied_to", "申出日（まで）", Input::Date),
                lists::page_size_field(),
            ],
        }],
    };
    let (asked, filter) = lists::Request::read::<MediationFilter>(&request, &list.sections);
    let fetch = |conn: &mut crate::db::DbConnection, filter: &MediationFilter| {
        let found = mediations::list(conn, filter)?;
        let picked: Vec<i64> = found.items.iter().map(|v| v.mediation.id).collect();
        Ok(Table {
            caption: "苦情あっせん",
            columns: MEDIATION_COLUMNS.to_vec(),
            total: found.count(),
            rows: mediation_rows(&found.items),
        }
        .pickable(crate::domain::work::RecordKind::Mediation.as_str(), &picked))
    };
    lists::serve(
        list,
        user.chrome("苦情あっせんの一覧"),
        &db,
        &asked,
        filter,
        fetch,
    )
    .await
}

fn application_sections() -> Vec<Section> {
    vec![
        Section {
            legend: "申出",
            fields: vec![
                Field::new("consultation_id", "苦情（相談番号）", Input::Integer)
                    .required()
                    .hint("申出のもとになった苦情の相談の番号。"),
                Field::new("applied_on", "申出日", Input::Date).required(),
            ],
        },
        Section {
            legend: "苦情あっせんの要件",
            fields: vec![
                Field::new(
                    "entity_identifiable",
                    "① 苦情の相手方の事業者等を特定することができる",
                    Input::Checkbox,
                ),
                Field::new(
                    "applicant_is_party",
                    "② 申出者が当事者である",
                    Input::Checkbox,
                ),
                Field::new(
                    "other_procedure_pending",
                    "訴訟、他の紛争処理機関等の手続が進行中又は終了している",
                    Input::Checkbox,
                ),
                Field::new(
                    "seeks_compensation_or_apology",
                    "金銭的賠償や謝罪を求めている",
                    Input::Checkbox,
                ),
            ],
        },
    ]
}

const NEW_MEDIATION: (&str, &str, &str) = (
    "苦情あっせんの申出の記録",
    "要件（①事業者等を特定できる、②申出者が当事者である、③訴訟等の手続が進行中・終了していない、金銭的賠償や謝罪を求めていない）は、記録した後のページで判定されます。",
    "記録する",
);

#[derive(Debug, Default, serde::Deserialize)]
pub struct NewMediationQuery {
    consultation_id: Option<String>,
}

#[utoipa::path(get, path = "/mediations/new", tag = "pages", params(("consultation_id" = Option<String>, Query, description = "the complaint, prefilled")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/mediations/new")]
pub async fn new_mediation(
    user: WebUser<StaffOnly>,
    query: web::Query<NewMediationQuery>,
) -> Result<HttpResponse, WebError> {
    let mut values = Values::default();
    values.set("applied_on", today().to_string());
    if let Some(id) = query
        .consultation_id
        .as_deref()
        .filter(|id| id.parse::<i64>().is_ok())
    {
        values.set("consultation_id", id);
    }
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_MEDIATION.0),
            NEW_MEDIATION,
            "/mediations/new".into(),
            &application_sections(),
            &FormState::with(values),
        ),
    )
}

#[utoipa::path(post, path = "/mediations/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the mediation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/mediations/new")]
pub async fn create_mediation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = application_sections();
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewMediation>(&sections, &values) {
        Ok(new) => commands::apply_mediation(&db, user.actor(), new, today())
            .await
            .map(|m| format!("/mediations/{}?done=applied", m.mediation.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (user.chrome(NEW_MEDIATION.0), "/mediations/new".into());
    forms::answered(outcome, values, chrome, NEW_MEDIATION, action, &sections)
}

/// The forms of a mediation's page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MediationForm {
    Start,
    Decline,
    Step,
    Close,
}

impl MediationForm {
    fn sections(self) -> Vec<Section> {
        let fields = match self {
            Self::Start => vec![Field::new("started_on", "開始日", Input::Date).required()],
            Self::Decline => vec![
                Field::new("declined_on", "不実施とした日", Input::Date).required(),
                Field::new("reason", "理由", Input::TextArea).required(),
            ],
            Self::Step => vec![
                Field::new(
                    "kind",
                    "経過",
                    Input::Select(options(StepKind::ALL, StepKind::as_str, StepKind::label_ja)),
                )
                .required(),
                Field::new("taken_on", "日付", Input::Date).required(),
                Field::new("note", "メモ", Input::TextArea),
            ],
            Self::Close => vec![
                Field::new("closed_on", "終了日", Input::Date).required(),
                Field::new(
                    "outcome",
                    "結果",
                    Input::Select(options(
                        MediationOutcome::ALL,
                        MediationOutcome::as_str,
                        MediationOutcome::label_ja,
                    )),
                )
                .required(),
            ],
        };
        vec![Section {
            legend: self.heading(),
            fields,
        }]
    }

    fn heading(self) -> &'static str {
        match self {
            Self::Start => "あっせんを開始する",
            Self::Decline => "あっせんを実施しない",
            Self::Step => "経過を記録する",
            Self::Close => "あっせんを終了する",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::Decline => "decline",
            Self::Step => "step",
            Self::Close => "close",
        }
    }

    fn date_field(self) -> &'static str {
        match self {
            Self::Start => "started_on",
            Self::Decline => "declined_on",
            Self::Step => "taken_on",
            Self::Close => "closed_on",
        }
    }

    /// Whether the law lets a mediation in `status` take this form.
    fn offered(self, status: MediationStatus) -> bool {
        match self {
            Self::Start => may_move(status, MediationStatus::Started),
            Self::Decline => may_move(status, MediationStatus::Declined),
            Self::Step => status == MediationStatus::Started,
            Self::Close => may_move(status, MediationStatus::Closed),
        }
    }
}

#[derive(Template)]
#[template(path = "hotline/mediation.html")]
struct MediationPage {
    chrome: Chrome,
    view: MediationView,
    reasons_ja: Vec<String>,
    forms: Vec<String>,
    /// The mediation's assignee, notes and timeline (the work's panel).
    panels: Vec<String>,
}

impl MediationPage {
    /// Applied for, not yet started or declined.
    fn applied(&self) -> bool {
        self.view.mediation.status == MediationStatus::Applied
    }
}

async fn mediation_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    sent: Option<(MediationForm, FormState)>,
    panels: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let view = db
        .read(move |conn| mediations::find(conn, id))
        .await?
        .ok_or(AppError::NotFound(Missing::Mediation))?;
    let mut forms = Vec::new();
    for form in [
        MediationForm::Start,
        MediationForm::Decline,
        MediationForm::Step,
        MediationForm::Close,
    ] {
        // The form refused is shown whatever the state, with the rule's reason.
        let state = match &sent {
            Some((which, state)) if *which == form => Some(state),
            _ => None,
        };
        if !form.offered(view.mediation.status) && state.is_none() {
            continue;
        }
        let fresh = {
            let mut values = Values::default();
            values.set(form.date_field(), today().to_string());
            FormState::with(values)
        };
        forms.push(FormPart::html(
            form.id(),
            form.heading(),
            format!("/mediations/{id}/{}", form.id()),
            form.heading(),
            user.csrf(),
            &form.sections(),
            state.unwrap_or(&fresh),
        )?);
    }
    page(
        status,
        &MediationPage {
            chrome: user
                .chrome(format!("苦情あっせん {id}"))
                .with_notice(notice),
            reasons_ja: view
                .reasons
                .iter()
                .map(|r| obstacle_ja(r).to_owned())
                .collect(),
            view,
            forms,
            panels,
        },
    )
}

/// A mediation: the application's conditions and whether they hold (with the reasons), its
/// steps, and the forms the law lets it take now (start, decline, step, close).
#[utoipa::path(get, path = "/mediations/{id}", tag = "pages", params(("id" = String, Path), ("done" = Option<String>, Query, description = "after a form: what was done (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such mediation")))]
#[get("/mediations/{id}")]
pub async fn mediation_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    parts: web::Data<crate::web::parts::PageParts>,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::Mediation)?;
    let notice = query.done.as_deref().and_then(|done| {
        Some(
            match done {
                "applied" => "申出を記録しました。",
                "start" => "あっせんを開始しました。",
                "decline" => "あっせんを実施しないこととしました。",
                "step" => "経過を記録しました。",
                "close" => "あっせんを終了しました。",
                _ => return None,
            }
            .to_owned(),
        )
    });
    let panels = crate::web::parts::panels_of(
        &db,
        &parts,
        &user.principal,
        user.csrf(),
        crate::domain::work::RecordKind::Mediation,
        id,
        format!("/mediations/{id}"),
    )
    .await?;
    mediation_answer(&user, &db, id, StatusCode::OK, notice, None, panels).await
}

async fn mediation_form(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: &str,
    form: FormData,
    which: MediationForm,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(id, Missing::Mediation)?;
    let sections = which.sections();
    let values = Values::from_form(&form, &sections);
    let today = today();
    let outcome = if which == MediationForm::Step {
        match forms::parse::<NewStep>(&sections, &values) {
            Ok(step) => commands::add_step(&db, user.actor(), id, step, today)
                .await
                .map(|_| ()),
            Err(errors) => Err(AppError::Validation(errors)),
        }
    } else {
        match forms::parse::<MediationChange>(&sections, &values) {
            Ok(change) => commands::change_mediation(&db, user.actor(), id, change, today)
                .await
                .map(|_| ()),
            Err(errors) => Err(AppError::Validation(errors)),
        }
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/mediations/{id}?done={}", which.id()))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            mediation_answer(
                &user,
                &db,
                id,
                status,
                None,
                Some((which, state)),
                Vec::new(),
            )
            .await
        }
    }
}

#[utoipa::path(post, path = "/mediations/{id}/start", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `started_on`"), responses((status = 303, description = "done: to the mediation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such mediation"), (status = 409, description = "the law does not allow it: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/mediations/{id}/start")]
pub async fn start_mediation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    mediation_form(user, db, &id, form, MediationForm::Start).await
}

#[utoipa::path(post, path = "/mediations/{id}/decline", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `declined_on`, `reason`"), responses((status = 303, description = "done: to the mediation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such mediation"), (status = 409, description = "the law does not allow it: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/mediations/{id}/decline")]
pub async fn decline_mediation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    mediation_form(user, db, &id, form, MediationForm::Decline).await
}

#[utoipa::path(post, path = "/mediations/{id}/step", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `kind`, `taken_on`, `note`"), responses((status = 303, description = "done: to the mediation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such mediation"), (status = 409, description = "the law does not allow it: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/mediations/{id}/step")]
pub async fn mediation_step(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    mediation_form(user, db, &id, form, MediationForm::Step).await
}

#[utoipa::path(post, path = "/mediations/{id}/close", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `closed_on`, `outcome`"), responses((status = 303, description = "done: to the mediation's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such mediation"), (status = 409, description = "the law does not allow it: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/mediations/{id}/close")]
pub async fn close_mediation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    mediation_form(user, db, &id, form, MediationForm::Close).await
}
