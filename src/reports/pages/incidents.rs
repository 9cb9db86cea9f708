//! Staff's form on a report's page about its incident: override the classification with a
//! reason (joining the incident to a case is supervision's form, `web::parts`). A refused form
//! comes back on a page of its own with the refusals beside the fields; on the command the API
//! uses.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, post, web};

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::reports::{ClassificationChange, IncidentView, commands as reports, store};
use crate::web::forms::{self, Field, FormPart, FormState, Input, Section, Values};
use crate::web::session::FormData;
use crate::web::{WebError, WebUser, record_id, see_other};

fn classification_sections() -> Vec<Section> {
    vec![Section {
        legend: "報告義務の判断",
        fields: vec![
            Field::new(
                "mandatory",
                "報告義務",
                Input::Select(vec![
                    ("true".into(), "義務あり（委員会の判断）".into()),
                    ("false".into(), "義務なし（委員会の判断）".into()),
                ]),
            )
            .hint("空欄にすると、報告の内容から法令どおりに判断した結果に戻ります。"),
            Field::new("reason", "理由", Input::TextArea)
                .hint("判断を変えるときは必須です。変更履歴に残ります。"),
        ],
    }]
}

/// The staff's forms on the page of a report about `incident`.
pub fn staff_forms(
    csrf: &str,
    report_id: i64,
    incident: &IncidentView,
) -> Result<Vec<String>, AppError> {
    let mut classification = Values::default();
    if let Some(decided) = &incident.classification_override {
        classification.set("mandatory", decided.mandatory.to_string());
    }
    Ok(vec![FormPart::html(
        "classification",
        "報告義務の判断を変更する",
        format!("/reports/{report_id}/classification"),
        "変更する",
        csrf.to_owned(),
        &classification_sections(),
        &FormState::with(classification),
    )?])
}

async fn incident_of(db: &Db, report_id: i64) -> Result<(i64, String), AppError> {
    let report = db
        .read(move |conn| store::find_report(conn, report_id))
        .await?
        .ok_or(AppError::NotFound(Missing::Report))?;
    Ok((report.report.incident_id, report.reference))
}

/// Overrides (or returns to the law's) classification of the report's incident, with a reason.
#[utoipa::path(post, path = "/reports/{id}/classification", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `mandatory` (true, false, or empty: the law's), `reason`"), responses((status = 303, description = "done: to the report"), (status = 403, description = "no valid CSRF token, or another role"), (status = 404, description = "no such report"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/reports/{id}/classification")]
pub async fn classify(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::Report)?;
    let (incident, reference) = incident_of(&db, id).await?;
    let sections = classification_sections();
    let (values, parsed) = forms::changes::<ClassificationChange>(&form, &sections);
    let outcome = match parsed {
        Ok(change) => {
            reports::override_classification(&db, user.actor(), incident, change, today())
                .await
                .map(|_| ())
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(()) => Ok(see_other(&format!("/reports/{id}?done=classified"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            refused_page(&user, status, id, &reference, &state)
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
        (
            "報告義務の判断の変更",
            format!("/reports/{report_id}/classification"),
        ),
        reference,
        &classification_sections(),
        state,
    )
}
