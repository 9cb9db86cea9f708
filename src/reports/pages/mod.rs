//! Reporters' pages: the leak-report form (the legal items of a report, named as the API's JSON),
//! a filed report with its reference and deadlines, filing the final report from a preliminary
//! one, and the list of reports with each incident's next deadline and whether it is late.

pub mod incidents;
pub mod parts;
pub mod review;
pub mod versions;

use crate::reports::labels::REPORT;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;
use serde::Deserialize;

use crate::auth::Principal;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::report::{Cause, ReceivedVia, Stage};
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Missing};
use crate::files::Owner;
use crate::reads::{Read, ReadLog};
use crate::records::organizations;
use crate::records::related::RelatedRow;
use crate::reports::{IncidentView, NewReport, ReportFilter, ReportView, commands, store};
use crate::web::forms::{
    self, Field, Input, Section, SectionView, Values, options, organization_options,
};
use crate::web::layout::Chrome;
use crate::web::parts::PageParts;
use crate::web::session::WebUser;
use crate::web::{WebError, page, see_other};

/// The form's fields, in the order of the legal items of a report (規則第8条 / 第44条 各号).
pub(super) fn sections(viewer: &Principal, organizations: Vec<(i64, String)>) -> Vec<Section> {
    let organization = Field::of(
        &REPORT,
        "organization_id",
        forms::filer_input(viewer.role.is_staff(), organizations),
    )
    .required();
    let mut filing = vec![
        organization,
        Field::of(&REPORT, "regime",
            Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
        )
        .required(),
        Field::of(&REPORT, "stage",
            Input::Select(options(Stage::ALL, Stage::as_str, Stage::label_ja)),
        )
        .required()
        .hint("速報は知った日から速やかに（おおむね３〜５日以内）、確報は30日以内（不正の目的によるおそれがある場合は60日以内）に提出します。"),
        Field::of(&REPORT, "preliminary_report_id", Input::Integer)
            .hint("確報の場合、先に提出した速報の報告番号（数字）を入力します。速報の画面の「確報を提出する」から開くと入力済みになります。"),
        Field::of(&REPORT, "aware_on", Input::Date).required(),
        Field::of(&REPORT, "occurred_on", Input::Date),
    ];
    if viewer.role.is_staff() {
        filing.push(
            Field::of(&REPORT, "received_on", Input::Date)
                .hint("過去の報告を登録する場合のみ。空欄なら本日です。"),
        );
        filing.push(Field::of(
            &REPORT,
            "received_via",
            Input::Select(options(
                ReceivedVia::ALL,
                ReceivedVia::as_str,
                ReceivedVia::label_ja,
            )),
        ));
    }
    vec![
        Section {
            legend: "報告者と報告の種類",
            fields: filing,
        },
        Section {
            legend: "１ 概要",
            fields: vec![Field::of(&REPORT, "summary", Input::TextArea)
                .required()
                .hint("発生日、発覚日、発生事案、発見者、規則第７条各号該当性、委託元及び委託先の有無、事実経過等")],
        },
        Section {
            legend: "２ 漏えい等が発生し、又は発生したおそれがある個人データの項目",
            fields: vec![Field::of(&REPORT, "data_items", Input::Lines)
                .required()
                .hint("１行に１項目（例：氏名、住所、電話番号）")],
        },
        Section {
            legend: "３ 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数",
            fields: vec![
                Field::of(&REPORT, "persons_affected", Input::Integer)
                    .required()
                    .hint("確定していない場合は、最大となり得る数を入力します。"),
                Field::of(&REPORT, "persons_estimated", Input::Checkbox),
            ],
        },
        Section {
            legend: "報告対象となる事態（該当するものすべて）",
            fields: vec![
                Field::of(&REPORT, "sensitive_data", Input::Checkbox),
                Field::of(&REPORT, "financial_damage_risk", Input::Checkbox),
                Field::of(&REPORT, "unlawful_purpose", Input::Checkbox),
                Field::of(&REPORT, "ordinance_sensitive", Input::Checkbox),
                Field::of(&REPORT, "network_system", Input::Checkbox),
                Field::of(&REPORT, "publicly_viewable", Input::Checkbox),
                Field::of(&REPORT, "strongly_encrypted", Input::Checkbox),
            ],
        },
        Section {
            legend: "４ 原因",
            fields: vec![Field::of(&REPORT, "cause",
                Input::Select(options(Cause::ALL, Cause::as_str, Cause::label_ja)),
            )
            .required()],
        },
        Section {
            legend: "５ 二次被害又はそのおそれの有無及びその内容",
            fields: vec![Field::of(&REPORT, "secondary_damage", Input::TextArea)],
        },
        Section {
            legend: "６ 本人への対応の実施状況",
            fields: vec![Field::of(&REPORT, "response_to_individuals", Input::TextArea)],
        },
        Section {
            legend: "７ 公表の実施状況",
            fields: vec![Field::of(&REPORT, "publication", Input::TextArea)],
        },
        Section {
            legend: "８ 再発防止のための措置",
            fields: vec![Field::of(&REPORT, "prevention_measures", Input::TextArea)],
        },
        Section {
            legend: "９ その他参考となる事項",
            fields: vec![
                Field::of(&REPORT, "notes", Input::TextArea),
                Field::of(&REPORT, "contractor_organization_id", Input::Integer),
            ],
        },
    ]
}

#[derive(Template)]
#[template(path = "reports/report_form.html")]
struct ReportForm {
    chrome: Chrome,
    sections: Vec<SectionView>,
    idempotency_key: String,
    /// A refusal of the whole form (e.g. the incident already has its final report).
    problem: Option<String>,
    error_count: usize,
}

/// The organizations the filing form offers its user (`records::organizations::offered`).
async fn offered(db: &Db, viewer: &Principal) -> Result<Vec<(i64, String)>, AppError> {
    let (staff, own) = (viewer.role.is_staff(), viewer.organization_id);
    db.read(move |conn| crate::records::organizations::offered(conn, staff, own))
        .await
}

fn render_form(
    user: &WebUser,
    status: StatusCode,
    sections: &[Section],
    values: &Values,
    errors: &FieldErrors,
    problem: Option<String>,
    idempotency_key: String,
) -> Result<HttpResponse, WebError> {
    let views = forms::views(sections, values, errors);
    let form = ReportForm {
        chrome: user.chrome("漏えい等報告の提出"),
        error_count: errors.iter().count() + usize::from(problem.is_some()),
        sections: views,
        idempotency_key,
        problem,
    };
    page(status, &form)
}

fn new_key() -> Result<String, AppError> {
    crate::auth::secrets::generate_token()
        .map(|token| token.expose().trim_start_matches("ldk_").to_owned())
        .map_err(|e| AppError::internal(format!("no randomness: {e}")))
}

#[derive(Deserialize)]
pub struct NewQuery {
    preliminary_report_id: Option<String>,
}

/// The form; from a preliminary report (`?preliminary_report_id=`), its final report prefilled.
#[utoipa::path(get, path = "/reports/new", tag = "pages", params(("preliminary_report_id" = Option<String>, Query, description = "prefill the final report of this preliminary report")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/reports/new")]
pub async fn new_form(
    user: WebUser,
    db: web::Data<Db>,
    query: web::Query<NewQuery>,
) -> Result<HttpResponse, WebError> {
    let sections = sections(&user, offered(&db, &user).await?);
    let mut values = Values::default();
    if let Some(own) = user.organization_id.filter(|_| !user.role.is_staff()) {
        values.set("organization_id", own.to_string());
    }
    if let Some(id) = query.preliminary_report_id.as_deref() {
        let id: i64 = id
            .parse()
            .map_err(|_| AppError::NotFound(Missing::Report))?;
        let preliminary = commands::readable(&db, &user, id).await?;
        let json = serde_json::to_value(&preliminary.view().report).map_err(AppError::internal)?;
        if let serde_json::Value::Object(object) = json {
            values = Values::from_json(&object, &sections);
        }
        values.set("stage", Stage::Final.as_str());
        values.set("preliminary_report_id", id.to_string());
        values.set("received_on", "");
    }
    render_form(
        &user,
        StatusCode::OK,
        &sections,
        &values,
        &FieldErrors::new(),
        None,
        new_key()?,
    )
}

/// Files the form through the API's own path; refusals come back beside their fields.
#[utoipa::path(post, path = "/reports/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "multipart/form-data", description = "the form's fields (`csrf_token` and the fields named as the API's JSON), and files in parts named `file`; `application/x-www-form-urlencoded` without files is taken too"), responses((status = 303, description = "done: to the answer page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 413, description = "a file too large, or too many"), (status = 415, description = "a file of a type not accepted"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/new")]
pub async fn create(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    upload: crate::web::uploads::FilesForm,
) -> Result<HttpResponse, WebError> {
    let (form, files, refused) = (upload.form, upload.files, upload.refused);
    user.check_csrf(&form)?;
    let sections = sections(&user, offered(&db, &user).await?);
    let mut values = Values::from_form(&form, &sections);
    if !user.role.is_staff() {
        // A reporter files for its own organization, whatever the form says.
        if let Some(own) = user.organization_id {
            values.set("organization_id", own.to_string());
        }
    }
    let key = form
        .get("idempotency_key")
        .filter(|k| !k.is_empty() && k.len() <= 255 && k.bytes().all(|b| b.is_ascii_graphic()))
        .map(str::to_owned);
    let retry_key = match &key {
        Some(key) => key.clone(),
        None => new_key()?,
    };
    let refuse = |errors: &FieldErrors, problem: Option<String>, status| {
        render_form(
            &user,
            status,
            &sections,
            &values,
            errors,
            problem,
            retry_key.clone(),
        )
    };
    // Refused files: the form again, with what was typed and the reason at the top.
    if let Some(refused) = refused {
        let (fields, status) = match refused {
            AppError::FilesTooLarge(f) => (f, StatusCode::PAYLOAD_TOO_LARGE),
            AppError::FileTypesRefused(f) => (f, StatusCode::UNSUPPORTED_MEDIA_TYPE),
            AppError::Validation(f) => (f, StatusCode::UNPROCESSABLE_ENTITY),
            other => return Err(other.into()),
        };
        let problem = fields
            .texts(crate::error::Lang::Ja)
            .into_values()
            .flatten()
            .map(|text| format!("添付ファイル：{text}"))
            .collect::<Vec<_>>()
            .join("／");
        return refuse(&FieldErrors::new(), Some(problem), status);
    }
    let new: NewReport = match forms::parse(&sections, &values) {
        Ok(new) => new,
        Err(errors) => return refuse(&errors, None, StatusCode::UNPROCESSABLE_ENTITY),
    };
    user.ensure_can_act_for(new.organization_id)?;
    let filer = commands::Filer {
        user_id: Some(user.user_id),
        role: user.role,
    };
    let mail = crate::notify::MailSettings::from(&config.mail);
    let actor = user.actor();
    match commands::file(
        &db,
        move |_: &mut _| Ok((actor, filer)),
        mail,
        new,
        key,
        files,
        today(),
    )
    .await
    {
        Ok(filed) => Ok(see_other(&format!("/reports/{}?filed=1", filed.report_id))),
        Err(AppError::Validation(errors)) => {
            refuse(&errors, None, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(AppError::Conflict(refusal)) => refuse(
            &FieldErrors::new(),
            Some(refusal.ja()),
            StatusCode::CONFLICT,
        ),
        Err(other) => Err(other.into()),
    }
}

#[derive(Template)]
#[template(path = "reports/report.html")]
struct ReportPage {
    chrome: Chrome,
    view: ReportView,
    incident: IncidentView,
    organization: String,
    contractor: Option<String>,
    chain: Vec<ReportView>,
    may_file_final: bool,
    reviews: Vec<crate::reports::review::Review>,
    versions: Vec<versions::VersionView>,
    /// The version shown (its items, and what changed from the one before).
    shown: usize,
    is_staff: bool,
    files: crate::web::files::Files,
    /// Staff: override the classification, join a case.
    staff_forms: Vec<String>,
    /// Staff: the reports that may describe the same event, and the form that gathers them.
    related: Vec<RelatedRow>,
    gather_form: Option<String>,
    /// Staff: the incident's assignee, notes and timeline (the work's panel).
    work_panels: Vec<String>,
}

impl ReportPage {
    /// A field's short label, as the report's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        REPORT.short(field)
    }

    fn regime_ja(&self) -> &'static str {
        self.view.report.regime.label_ja()
    }
    fn stage_ja(&self) -> &'static str {
        self.view.report.stage.label_ja()
    }
    fn cause_ja(&self) -> &'static str {
        self.view.report.cause.label_ja()
    }
    fn obligation_ja(&self) -> &'static str {
        self.incident.regime.obligation_ja(self.incident.mandatory)
    }
    fn review_ja(&self) -> &'static str {
        self.view.report.review_status.label_ja()
    }
    fn revision_requested(&self) -> bool {
        self.view.report.review_status == crate::domain::review::ReviewStatus::RevisionRequested
    }
    fn version_shown(&self) -> Option<&versions::VersionView> {
        self.versions.get(self.shown)
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    filed: Option<String>,
    amended: Option<String>,
    reviewed: Option<String>,
    version: Option<String>,
    attached: Option<String>,
    done: Option<String>,
}

/// A filed report: its reference, deadlines, classification and contents.
#[utoipa::path(get, path = "/reports/{id}", tag = "pages", params(("id" = String, Path), ("version" = Option<String>, Query, description = "the version to show (default: the current one)"), ("attached" = Option<String>, Query, description = "after an upload: how many files were attached (a notice)")), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/reports/{id}")]
pub async fn show(
    user: WebUser,
    db: web::Data<Db>,
    reads: web::Data<ReadLog>,
    parts: web::Data<PageParts>,
    id: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> Result<HttpResponse, WebError> {
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(Missing::Report))?;
    let viewer = user.principal.clone();
    let today = today();
    let report = db.read(move |conn| {
        let view = commands::readable_on(conn, &viewer, id)?.into_view();
        let incident = store::find_incident(conn, view.report.incident_id)?
            .ok_or(AppError::NotFound(Missing::Incident))?;
        let incident = store::incident_with_reports(conn, incident, today)?;
        let mut ids = vec![view.report.organization_id];
        ids.extend(view.report.contractor_organization_id);
        let names = organizations::names(conn, &ids)?;
        let reviews = crate::reports::review::reviews(conn, id)?;
        let versions = crate::reports::review::versions(conn, &view)?;
        let files = crate::files::store::list(conn, Owner::Report(id))?;
        Ok((view, incident, names, reviews, versions, files))
    });
    // Staff see the related reports, read at the same time on a connection of their own.
    let related = async {
        if user.role.is_staff() {
            db.read(move |conn| crate::records::related::rows(conn, id))
                .await
                .map(Some)
        } else {
            Ok(None)
        }
    };
    let ((view, incident, names, reviews, versions, files), related) =
        futures_util::try_join!(report, related)?;
    reads.record(user.role, user.actor(), Read::Report(id));
    let versions = versions::version_views(&versions);
    let shown = query
        .version
        .as_deref()
        .and_then(|v| v.parse::<i32>().ok())
        .and_then(|v| versions.iter().position(|version| version.version == v))
        .unwrap_or(versions.len().saturating_sub(1));
    let mut incident = incident;
    let chain = incident.reports.take().unwrap_or_default();
    let may_file_final =
        view.report.stage == Stage::Preliminary && incident.final_report_id.is_none();
    let notice = if query.filed.is_some() {
        Some(format!(
            "漏えい等報告を受け付けました。受付番号は {} です。",
            view.reference
        ))
    } else if query.amended.is_some() {
        Some(format!(
            "補正を受け付けました（第{}版）。法令をあらためて当てはめた結果を表示しています。",
            view.report.version
        ))
    } else if query.reviewed.is_some() {
        Some(format!(
            "審査結果（{}）を記録しました。",
            view.report.review_status.label_ja()
        ))
    } else if query.done.as_deref() == Some("classified") {
        Some("報告義務の判断を記録しました。".to_owned())
    } else {
        crate::web::files::attached_notice(query.attached.as_deref())
    };
    let (staff_forms, related, gather_form) = if let Some(related) = related {
        let csrf = user.csrf();
        let gather = if related.is_empty() {
            None
        } else {
            let choices: Vec<(i64, String)> = related.iter().map(RelatedRow::choice).collect();
            parts.related_form(&csrf, id, &choices)?
        };
        let mut forms = incidents::staff_forms(&csrf, view.report.id, &incident)?;
        forms.extend(parts.report_forms(&csrf, view.report.id)?);
        (forms, related, gather)
    } else {
        (Vec::new(), Vec::new(), None)
    };
    let work_panels = crate::web::parts::panels_of(
        &db,
        &parts,
        &user.principal,
        user.csrf(),
        crate::domain::work::RecordKind::Incident,
        incident.id,
        format!("/reports/{id}"),
    )
    .await?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("ID {id}"))
    };
    let page_view = ReportPage {
        work_panels,
        staff_forms,
        related,
        gather_form,
        chrome: user
            .chrome(format!("漏えい等報告 {}", view.reference))
            .with_notice(notice),
        organization: name(view.report.organization_id),
        contractor: view.report.contractor_organization_id.map(name),
        is_staff: user.role.is_staff(),
        files: crate::web::files::Files::new(
            "添付ファイル",
            files,
            Some(format!("/reports/{id}/attachments")),
        ),
        view,
        incident,
        chain,
        may_file_final,
        reviews,
        versions,
        shown,
    };
    page(StatusCode::OK, &page_view)
}

fn list_sections(organizations: Option<Vec<(i64, String)>>) -> Vec<Section> {
    let mut fields = vec![
        Field::new(
            "regime",
            "法令",
            Input::Select(options(Regime::ALL, Regime::as_str, Regime::label_ja)),
        ),
        Field::new(
            "stage",
            "報告",
            Input::Select(options(Stage::ALL, Stage::as_str, Stage::label_ja)),
        ),
        Field::new(
            "mandatory",
            "報告義務",
            forms::yes_no("義務のもの", "任意のもの"),
        ),
        Field::new(
            "serious",
            "重大な事態（番号法）",
            forms::yes_no("重大な事態", "重大な事態でないもの"),
        ),
    ];
    if let Some(organizations) = organizations {
        fields.push(Field::new(
            "organization_id",
            "報告者",
            Input::Select(organization_options(organizations)),
        ));
    }
    fields.extend([
        Field::new(
            "overdue",
            "期限",
            Input::Select(vec![("true".into(), "確報の期限を過ぎたもの".into())]),
        ),
        Field::new(
            "review_status",
            "審査",
            Input::Select(options(
                crate::domain::review::ReviewStatus::ALL,
                crate::domain::review::ReviewStatus::as_str,
                crate::domain::review::ReviewStatus::label_ja,
            )),
        ),
        Field::new("received_from", "受付日（から）", Input::Date),
        Field::new("received_to", "受付日（まで）", Input::Date),
        crate::web::lists::page_size_field(),
    ]);
    vec![Section {
        legend: "絞り込み",
        fields,
    }]
}

/// Reports newest first, with each incident's next deadline and whether it is late; filters in
/// the URL, paging, CSV.
#[utoipa::path(get, path = "/reports", tag = "pages", params(ReportFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/reports")]
pub async fn list(
    user: WebUser,
    db: web::Data<Db>,
    request: actix_web::HttpRequest,
) -> Result<HttpResponse, WebError> {
    let choices = if user.role.is_staff() {
        Some(db.read(|conn| organizations::choices(conn, 2000)).await?)
    } else {
        None
    };
    let list = crate::web::lists::List {
        heading: "漏えい等報告の一覧",
        lead: "新しい順です。",
        path: "/reports",
        file: "reports",
        links: vec![crate::web::lists::Link {
            href: "/reports/new".into(),
            label: "漏えい等報告を提出する",
        }],
        sections: list_sections(choices),
    };
    let (asked, filter) =
        crate::web::lists::Request::read::<ReportFilter>(&request, &list.sections);
    let (viewer, today) = (user.principal.clone(), today());
    let full = {
        let viewer = viewer.clone();
        crate::web::lists::Full {
            vocabulary: &REPORT,
            fetch: Box::new(move |conn, filter: &ReportFilter| {
                let (rows, total) =
                    store::list_reports_with_incidents(conn, &viewer, filter, today)?;
                let items = rows
                    .iter()
                    .map(|(report, incident)| {
                        let mut item = serde_json::to_value(report)?;
                        item["next_deadline"] = serde_json::json!(incident.next_deadline);
                        Ok(item)
                    })
                    .collect::<Result<Vec<_>, serde_json::Error>>()
                    .map_err(|e| AppError::internal(format!("a report as JSON: {e}")))?;
                let names = organizations::names_in(conn, &REPORT, &items)?;
                Ok(crate::web::lists::Records {
                    items,
                    names,
                    total,
                })
            }),
        }
    };
    crate::web::lists::serve_with(
        list,
        user.chrome("漏えい等報告の一覧"),
        &db,
        &asked,
        filter,
        move |conn, filter: &ReportFilter| {
            let (rows, total) = store::list_reports_with_incidents(conn, &viewer, filter, today)?;
            let ids: Vec<i64> = rows.iter().map(|(r, _)| r.report.organization_id).collect();
            let names = organizations::names(conn, &ids)?;
            let incidents: Vec<i64> = rows.iter().map(|(_, i)| i.id).collect();
            let table = report_table(rows, total, &names);
            // Staff pick rows to assign their incidents (the work's form).
            Ok(if viewer.role.is_staff() {
                table.pickable(
                    crate::domain::work::RecordKind::Incident.as_str(),
                    &incidents,
                )
            } else {
                table
            })
        },
        Some(full),
    )
    .await
}

fn report_table(
    rows: Vec<(ReportView, IncidentView)>,
    total: crate::http::Total,
    names: &std::collections::HashMap<i64, String>,
) -> crate::web::lists::Table {
    use crate::web::lists::Cell;
    crate::web::lists::Table {
        caption: "漏えい等報告と次の期限",
        columns: vec![
            "受付番号",
            "報告",
            "報告者",
            "法令",
            "受付日",
            "報告義務",
            "次の期限",
            "状況",
        ],
        total,
        rows: rows
            .into_iter()
            .map(|(report, incident)| {
                let revision = report.report.review_status
                    == crate::domain::review::ReviewStatus::RevisionRequested;
                let state = match (incident.overdue, incident.next_deadline) {
                    (true, _) => "期限超過",
                    (false, Some(_)) => "確報待ち",
                    (false, None) => "完了",
                };
                let state = if revision {
                    format!("{state} 補正依頼あり")
                } else {
                    state.to_owned()
                };
                vec![
                    Cell::link(&report.reference, format!("/reports/{}", report.report.id)),
                    Cell::text(report.report.stage.label_ja()),
                    Cell::text(
                        names
                            .get(&report.report.organization_id)
                            .cloned()
                            .unwrap_or_default(),
                    ),
                    Cell::text(report.report.regime.label_ja()),
                    Cell::day(report.report.received_on),
                    Cell::text(incident.regime.obligation_ja(incident.mandatory)),
                    Cell::text(
                        incident
                            .next_deadline
                            .map_or_else(|| "—".to_owned(), |next| format!("確報 {next}")),
                    ),
                    Cell::text(state).strong(incident.overdue || revision),
                ]
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::access::Role;

    /// Every field of the report form is labelled by the report's vocabulary, so an import's
    /// column headed by the form's label is read as its field.
    #[test]
    fn every_field_of_the_report_form_is_in_its_vocabulary() {
        let staff = Principal {
            user_id: 1,
            email: "kanshi@example.jp".into(),
            role: Role::Staff,
            organization_id: None,
            second_factor: false,
            request_id: None,
        };
        let fields: Vec<(&str, &str)> = sections(&staff, Vec::new())
            .iter()
            .flat_map(|section| section.fields.iter().map(|f| (f.label, f.name)))
            .collect();
        assert!(fields.len() > 20, "{fields:?}");
        for (label, name) in fields {
            assert_eq!(REPORT.term(label).map(|t| t.name), Some(name), "{label}");
            assert_eq!(REPORT.form(name), label, "{name}");
        }
    }
}
