//! Supervision's forms on a report's page (staff): join the report's incident to a case, and
//! gather it with the reports that may describe the same event into one case, new or existing.
//! The report's page shows them through `web::parts`. A refused form comes back on a page of its
//! own with the refusals beside the fields; all on the commands the API uses.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::records::incidents;
use crate::records::related::{self, RelatedRow};
use crate::supervision::commands;
use crate::web::forms::{self, Field, FormPage, FormPart, FormState, Input, Section, Values};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, page, record_id, see_other};

/// The report's incident and its reference, or "no such report".
async fn incident_of(db: &Db, report_id: i64) -> Result<(i64, String), AppError> {
    db.read(move |conn| incidents::of_report(conn, report_id))
        .await?
        .ok_or(AppError::NotFound(Missing::Report))
}

fn case_sections() -> Vec<Section> {
    vec![Section {
        legend: "事案",
        fields: vec![
            Field::new("case_id", "事案（ケース）番号", Input::Integer)
                .required()
                .hint("この漏えい等事案を加える事案の番号。事案の一覧で確かめられます。"),
        ],
    }]
}

/// The form that joins the report's incident to a case.
pub fn join_form(csrf: &str, report_id: i64) -> Result<String, AppError> {
    FormPart::html(
        "join",
        "事案に加える",
        format!("/reports/{report_id}/case"),
        "加える",
        csrf.to_owned(),
        &case_sections(),
        &FormState::default(),
    )
}

/// Joins the report's incident to a case.
#[utoipa::path(post, path = "/reports/{id}/case", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `case_id`"), responses((status = 303, description = "done: to the case"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such report or case"), (status = 409, description = "already in that case: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/{id}/case")]
pub async fn join_case(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Report)?;
    let (incident, reference) = incident_of(&db, id).await?;
    let sections = case_sections();
    let values = Values::from_form(&form, &sections);
    let (json, errors) = forms::to_json(&sections, &values);
    let case_id = match (errors.is_empty(), json["case_id"].as_i64()) {
        (true, Some(case_id)) => Ok(case_id),
        _ => Err(AppError::Validation(errors)),
    };
    let outcome = match case_id {
        Ok(case_id) => commands::add_incident(&db, user.actor(), case_id, incident, today())
            .await
            .map(|_| case_id)
            .map_err(|error| match error {
                // The case typed does not exist: the field's refusal, not a missing page.
                AppError::NotFound(Missing::Case) => crate::error::FieldErrors::single(
                    "case_id",
                    crate::error::Refusal::NoSuchRecord {
                        record: Missing::Case,
                        id: case_id,
                    },
                ),
                other => other,
            }),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(case_id) => Ok(see_other(&format!(
            "/cases/{case_id}?done=incident#incidents"
        ))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            refused_page(&user, status, id, &reference, &state)
        }
    }
}

fn gather_sections(related: &[(i64, String)]) -> Vec<Section> {
    vec![
        Section {
            legend: "まとめる報告",
            fields: vec![
                Field::new(
                    "report_ids",
                    "この報告と同じ事案にまとめる報告",
                    Input::Choices(
                        related
                            .iter()
                            .map(|(id, label)| (id.to_string(), label.clone()))
                            .collect(),
                    ),
                )
                .hint("この報告の漏えい等事案は必ず加わります。"),
            ],
        },
        Section {
            legend: "まとめ先の事案",
            fields: vec![
                Field::new("case_id", "既存の事案の番号", Input::Integer)
                    .hint("既存の事案に加えるときに入力します。"),
                Field::new("title", "新しい事案の件名", Input::Text)
                    .hint("新しい事案を作るときに入力します（事案の番号とどちらか一方）。"),
            ],
        },
    ]
}

/// The form that gathers the report and the related ones chosen into one case.
pub fn gather_form(
    csrf: &str,
    report_id: i64,
    related: &[(i64, String)],
) -> Result<String, AppError> {
    FormPart::html(
        "gather",
        "関連する報告を一つの事案にまとめる",
        format!("/reports/{report_id}/related"),
        "事案にまとめる",
        csrf.to_owned(),
        &gather_sections(related),
        &FormState::default(),
    )
}

/// Gathers the report's incident and those of the related reports chosen into one case: an
/// existing one (`case_id`) or a new one (`title`).
#[utoipa::path(post, path = "/reports/{id}/related", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `report_ids` (any number), and `case_id` or `title`"), responses((status = 303, description = "done: to the case"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such report"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/{id}/related")]
pub async fn gather_related(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    use crate::error::{FieldErrors, Refusal};
    use crate::supervision::commands::CaseTarget;
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Report)?;
    let (incident, reference) = incident_of(&db, id).await?;
    let related: Vec<(i64, String)> = db
        .read(move |conn| related::rows(conn, id))
        .await?
        .iter()
        .map(RelatedRow::choice)
        .collect();
    let sections = gather_sections(&related);
    let values = Values::from_form(&form, &sections);
    let (_, mut errors) = forms::to_json(&sections, &values);
    // Only the reports the page offered may be chosen.
    let mut chosen = Vec::new();
    for value in form.all("report_ids") {
        match value.parse::<i64>() {
            Ok(report) if related.iter().any(|(id, _)| *id == report) => chosen.push(report),
            _ => errors.add(
                "report_ids",
                Refusal::WrongValue {
                    unexpected: value.to_owned(),
                    expected: "関連する報告".into(),
                },
            ),
        }
    }
    let title = values.get("title").map(str::trim).filter(|t| !t.is_empty());
    let case_id = values.get("case_id").filter(|c| !c.is_empty());
    let target = match (case_id, title) {
        (Some(case), None) => match case.parse::<i64>() {
            Ok(case) if case > 0 => Some(CaseTarget::Existing(case)),
            _ => None,
        },
        (None, Some(title)) => match crate::domain::text::check_text(title) {
            Ok(()) if title.chars().count() <= 300 => {
                Some(CaseTarget::New(crate::supervision::NewCase {
                    title: title.to_owned(),
                    summary: None,
                    occurred_from: None,
                    occurred_to: None,
                    status: None,
                    as_of: None,
                    published: false,
                    problem: None,
                    response_policy: None,
                }))
            }
            Ok(()) => {
                errors.add(
                    "title",
                    Refusal::Length {
                        min: None,
                        max: Some(300),
                    },
                );
                None
            }
            Err(refusal) => {
                errors.add("title", refusal);
                None
            }
        },
        (Some(_), Some(_)) | (None, None) => {
            errors.add(
                "case_id",
                Refusal::OneOf {
                    other: "新しい事案の件名".into(),
                },
            );
            None
        }
    };
    let outcome = match target {
        Some(target) if errors.is_empty() => {
            let ids = db
                .read(move |conn| {
                    let mut ids = vec![incident];
                    for report in chosen {
                        ids.extend(
                            incidents::of_report(conn, report)?.map(|(incident, _)| incident),
                        );
                    }
                    Ok(ids)
                })
                .await?;
            let existing = match &target {
                CaseTarget::Existing(case) => Some(*case),
                CaseTarget::New(_) => None,
            };
            commands::gather_incidents(&db, user.actor(), target, ids, today())
                .await
                .map_err(|error| match (error, existing) {
                    (AppError::NotFound(Missing::Case), Some(case)) => FieldErrors::single(
                        "case_id",
                        Refusal::NoSuchRecord {
                            record: Missing::Case,
                            id: case,
                        },
                    ),
                    (other, _) => other,
                })
        }
        _ if errors.is_empty() => Err(FieldErrors::single(
            "case_id",
            Refusal::Range {
                min: Some("1".into()),
                max: None,
            },
        )),
        _ => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(case_id) => Ok(see_other(&format!(
            "/cases/{case_id}?done=incident#incidents"
        ))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            page(
                status,
                &FormPage::new(
                    user.chrome(format!("関連する報告のまとめ（{reference}）")),
                    ("関連する報告を一つの事案にまとめる", "", "事案にまとめる"),
                    format!("/reports/{id}/related"),
                    &sections,
                    &state,
                ),
            )
        }
    }
}

fn refused_page(
    user: &WebUser<StaffOnly>,
    status: StatusCode,
    report_id: i64,
    reference: &str,
    state: &FormState,
) -> Result<HttpResponse, WebError> {
    forms::about_incident(
        |title| user.chrome(title),
        status,
        ("事案への追加", format!("/reports/{report_id}/case")),
        reference,
        &case_sections(),
        state,
    )
}
