//! The form that records a consultation (`/consultations/new`); on the command the API uses.

use crate::hotline::labels::CONSULTATION;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::db::Db;
use crate::domain::hotline::{ConsultationClass, Desk};
use crate::error::{AppError, FieldErrors};
use crate::hotline::{
    CategoryFilter, NewConsultation, commands as hotline_commands, store as hotline,
};
use crate::records::organizations;
use crate::web::forms::{
    self, Field, FormState, Input, Section, Values, options, organization_options,
};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, see_other};

fn consultation_sections(
    categories: Vec<(String, String)>,
    organizations: Vec<(i64, String)>,
) -> Vec<Section> {
    vec![
        Section {
            legend: "受付",
            fields: vec![
                Field::of(
                    &CONSULTATION,
                    "desk",
                    Input::Select(options(Desk::ALL, Desk::as_str, Desk::label_ja)),
                )
                .required(),
                Field::of(
                    &CONSULTATION,
                    "class",
                    Input::Select(options(
                        ConsultationClass::ALL,
                        ConsultationClass::as_str,
                        ConsultationClass::label_ja,
                    )),
                )
                .required(),
                Field::of(&CONSULTATION, "received_on", Input::Date).required(),
                Field::of(&CONSULTATION, "categories", Input::Choices(categories))
                    .hint("選んだ窓口の類型を選びます。苦情・質問には１つ以上が必要です。"),
            ],
        },
        Section {
            legend: "内容",
            fields: vec![
                Field::of(&CONSULTATION, "summary", Input::TextArea),
                Field::of(&CONSULTATION, "advice", Input::TextArea),
                Field::of(&CONSULTATION, "referred_to_supervision", Input::Checkbox),
                Field::of(
                    &CONSULTATION,
                    "organization_id",
                    Input::Select(organization_options(organizations)),
                ),
                Field::of(&CONSULTATION, "case_id", Input::Integer)
                    .hint("監視・監督担当へ情報提供した場合のみ"),
            ],
        },
    ]
}

async fn consultation_form_sections(db: &Db) -> Result<Vec<Section>, AppError> {
    let (categories, organizations) = db
        .read(|conn| {
            let categories = hotline::categories(conn, &CategoryFilter::default())?;
            Ok((categories, organizations::choices(conn, 2000)?))
        })
        .await?;
    // A code names the category of the consultation's day: one box a code of a desk, today's
    // categories first in their order, then the codes only an earlier structure had (marked with
    // their last day); an earlier label of today's code is named beside it.
    let mut categories = categories;
    categories.sort_by_key(|c| {
        (
            Desk::ALL.iter().position(|d| *d == c.desk),
            c.valid_to.is_some(),
            std::cmp::Reverse(c.valid_from),
            c.position,
        )
    });
    let mut boxes: Vec<(Desk, String, String)> = Vec::new();
    for c in categories {
        match boxes
            .iter_mut()
            .find(|(desk, code, _)| *desk == c.desk && *code == c.code)
        {
            Some((_, _, label)) => {
                if !label.contains(&c.label_ja) {
                    let until = c.valid_to.map(date_ja).unwrap_or_default();
                    label.push_str(&format!("（{until}までは「{}」）", c.label_ja));
                }
            }
            None => {
                let until = c
                    .valid_to
                    .map(|to| format!("（{}まで）", date_ja(to)))
                    .unwrap_or_default();
                boxes.push((
                    c.desk,
                    c.code.clone(),
                    format!("{}：{}{until}", desk_short(c.desk), c.label_ja),
                ));
            }
        }
    }
    let categories = boxes
        .into_iter()
        .map(|(_, code, label)| (code, label))
        .collect();
    Ok(consultation_sections(categories, organizations))
}

use crate::domain::labels::date_ja;

fn desk_short(desk: Desk) -> &'static str {
    match desk {
        Desk::Private => "民間部門",
        Desk::Public => "公的部門",
        Desk::MyNumber => "マイナンバー",
        Desk::Deidentified => "非識別加工情報",
    }
}

fn render_form(
    user: &WebUser<StaffOnly>,
    status: StatusCode,
    sections: &[Section],
    values: &Values,
    errors: &FieldErrors,
    problem: Option<String>,
) -> Result<HttpResponse, WebError> {
    let state = FormState {
        values: values.clone(),
        errors: errors.clone(),
        problem,
    };
    forms::record_form(
        user.chrome("相談の記録"),
        status,
        (
            "相談の記録",
            "相談ダイヤル・苦情あっせん相談窓口で受け付けた相談を記録します。",
            "/consultations/new",
        ),
        sections,
        &state,
    )
}

#[utoipa::path(get, path = "/consultations/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/consultations/new")]
pub async fn new_consultation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    let sections = consultation_form_sections(&db).await?;
    let mut values = Values::default();
    values.set("received_on", today().to_string());
    render_form(
        &user,
        StatusCode::OK,
        &sections,
        &values,
        &FieldErrors::new(),
        None,
    )
}

#[utoipa::path(post, path = "/consultations/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the answer page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 409, description = "refused by a rule: the form again, with the reason"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/consultations/new")]
pub async fn create_consultation(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = consultation_form_sections(&db).await?;
    let values = Values::from_form(&form, &sections);
    let refuse =
        |errors: FieldErrors, status| render_form(&user, status, &sections, &values, &errors, None);
    let new: NewConsultation = match forms::parse(&sections, &values) {
        Ok(new) => new,
        Err(errors) => return refuse(errors, StatusCode::UNPROCESSABLE_ENTITY),
    };
    let today = today();
    let recorded = hotline_commands::record_consultation(&db, user.actor(), new, today).await;
    match recorded {
        Ok(consultation) => Ok(see_other(&format!(
            "/consultations/{}?done=recorded",
            consultation.consultation.id
        ))),
        Err(AppError::Validation(errors)) => refuse(errors, StatusCode::UNPROCESSABLE_ENTITY),
        Err(other) => Err(other.into()),
    }
}
