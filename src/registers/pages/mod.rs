//! The registers on the pages: the opt-out notifications (a business files and amends its own;
//! staff review, and enter past filings), the accredited bodies and the publications of
//! anonymised information (`bodies`), and the public lists (`public`) — on the commands the API
//! uses (`registers::commands`).

pub mod bodies;
pub mod campaigns;
pub mod parts;
pub mod public;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use askama::Template;
use serde_json::Value;

use super::campaigns::{NewConfirmation, OptoutCampaign, OptoutConfirmation};
use super::commands::{self, Readable};
use super::labels::OPTOUT;
use super::optout::{
    self, NewNotification, NewOptoutReview, Notification, NotificationFilter, OptoutAmendment,
    OptoutChange, OptoutReview, OptoutVersion, OptoutWithdrawal,
};
use crate::auth::Principal;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::domain::registers::ConfirmationOutcome;
use crate::domain::review::{Decision, ReviewStatus};
use crate::error::{AppError, Missing};
use crate::notify::MailSettings;
use crate::records::organizations;
use crate::web::forms::{
    self, DoneQuery, Field, FormPage, FormPart, FormState, Input, Section, Values, options,
};
use crate::web::layout::Chrome;
use crate::web::lists::{self, Cell, Link, List, Table};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, record_id, see_other};

/// The organizations the filing form offers its user (`records::organizations::offered`).
async fn offered(db: &Db, viewer: &Principal) -> Result<Vec<(i64, String)>, AppError> {
    let (staff, own) = (viewer.role.is_staff(), viewer.organization_id);
    db.read(move |conn| crate::records::organizations::offered(conn, staff, own))
        .await
}

/// The items a notification states (法第27条第2項各号), in the law's order.
fn content_fields() -> Vec<Field> {
    vec![
        Field::of(&OPTOUT, "provider_name", Input::Text).required(),
        Field::of(&OPTOUT, "provider_address", Input::Text).required(),
        Field::of(&OPTOUT, "representative", Input::Text).required(),
        Field::of(&OPTOUT, "purpose", Input::TextArea).required(),
        Field::of(&OPTOUT, "data_items", Input::Lines)
            .required()
            .hint("1行に1項目（氏名、住所、電話番号など）。"),
        Field::of(&OPTOUT, "obtained_how", Input::TextArea)
            .hint("令和4年4月1日以後の届出では必須です。"),
        Field::of(&OPTOUT, "provided_how", Input::TextArea).required(),
        Field::of(&OPTOUT, "request_method", Input::TextArea).required(),
        Field::of(&OPTOUT, "update_method", Input::TextArea)
            .hint("令和4年4月1日以後の届出では必須です。"),
        Field::of(&OPTOUT, "start_on", Input::Date).hint("令和4年4月1日以後の届出では必須です。"),
    ]
}

fn submitted_on_field(viewer: &Principal) -> Option<Field> {
    viewer.role.is_staff().then(|| {
        Field::of(&OPTOUT, "submitted_on", Input::Date)
            .hint("過去に紙や電子メールで受け付けた届出を入力するときの提出日。空欄なら今日。")
    })
}

fn new_sections(viewer: &Principal, organizations: Vec<(i64, String)>) -> Vec<Section> {
    let organization = Field::of(
        &OPTOUT,
        "organization_id",
        forms::filer_input(viewer.role.is_staff(), organizations),
    )
    .required();
    let mut filing = vec![organization];
    filing.extend(submitted_on_field(viewer));
    vec![
        Section {
            legend: "届出者",
            fields: filing,
        },
        Section {
            legend: "届出事項（法第27条第2項各号）",
            fields: content_fields(),
        },
    ]
}

const NEW_NOTIFICATION: (&str, &str, &str) = (
    "オプトアウト届出",
    "個人情報の保護に関する法律第27条第2項の規定により、本人の同意を得ずに個人データを第三者に提供するときに届け出る事項です。受け付けた届出は、審査のうえ受理し、委員会ウェブサイトで公表します。",
    "届け出る",
);

/// The notification form.
#[utoipa::path(get, path = "/registers/optout/new", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "a reporter without an organization")))]
#[get("/registers/optout/new")]
pub async fn new_notification(user: WebUser, db: web::Data<Db>) -> Result<HttpResponse, WebError> {
    let sections = new_sections(&user, offered(&db, &user).await?);
    let mut values = Values::default();
    if let Some(own) = user.organization_id.filter(|_| !user.role.is_staff()) {
        values.set("organization_id", own.to_string());
    }
    page(
        StatusCode::OK,
        &FormPage::new(
            user.chrome(NEW_NOTIFICATION.0),
            NEW_NOTIFICATION,
            "/registers/optout/new".into(),
            &sections,
            &FormState::with(values),
        ),
    )
}

/// Files the form through the API's command; refusals come back beside their fields.
#[utoipa::path(post, path = "/registers/optout/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "the form's fields (`csrf_token` and the fields named as the API's JSON)"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token, or another organization"), (status = 422, description = "the form again, refusals beside their fields")))]
#[post("/registers/optout/new")]
pub async fn create_notification(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = new_sections(&user, offered(&db, &user).await?);
    let mut values = Values::from_form(&form, &sections);
    if !user.role.is_staff()
        && let Some(own) = user.organization_id
    {
        // A reporter files for its own organization, whatever the form says.
        values.set("organization_id", own.to_string());
    }
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<NewNotification>(&sections, &values) {
        Ok(new) => commands::notify(&db, &user, mail, new, today())
            .await
            .map(|n| format!("/registers/optout/{}?done=filed", n.id)),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    let (chrome, action) = (
        user.chrome(NEW_NOTIFICATION.0),
        "/registers/optout/new".into(),
    );
    forms::answered(outcome, values, chrome, NEW_NOTIFICATION, action, &sections)
}

/// The notifications: staff see all, a business its own.
#[utoipa::path(get, path = "/registers/optout", tag = "pages", params(NotificationFilter, crate::web::lists::ColumnsQuery), responses((status = 200, description = "the page (text/html), or CSV, or an Excel workbook (with `columns=all`, every field of the records)"), (status = 303, description = "to /login without a session"), (status = 422, description = "the page with the filters' refusals")))]
#[get("/registers/optout")]
pub async fn notifications_list(
    user: WebUser,
    db: web::Data<Db>,
    request: HttpRequest,
) -> Result<HttpResponse, WebError> {
    let mut filters = vec![Field::new(
        "review_status",
        "審査の状況",
        Input::Select(options(
            ReviewStatus::ALL,
            ReviewStatus::as_str,
            ReviewStatus::label_ja,
        )),
    )];
    if user.role.is_staff() {
        filters.push(Field::new(
            "organization_id",
            "届出者の番号",
            Input::Integer,
        ));
    }
    filters.push(lists::page_size_field());
    let list = List {
        heading: "オプトアウト届出",
        lead: "個人情報の保護に関する法律第27条第2項・第3項の届出（届出・補正・変更届・廃止届）と、その審査の状況です。受理した届出は公表しています。",
        path: "/registers/optout",
        file: "optout-notifications",
        links: vec![
            Link {
                href: "/registers/optout/new".into(),
                label: "届け出る",
            },
            Link {
                href: "/public/registers/optout".into(),
                label: "公表している届出",
            },
        ],
        sections: vec![Section {
            legend: "絞り込み",
            fields: filters,
        }],
    };
    let (asked, filter) = lists::Request::read::<NotificationFilter>(&request, &list.sections);
    let (viewer, today) = (user.principal.clone(), today());
    let full = {
        let viewer = viewer.clone();
        lists::Full::of(
            &OPTOUT,
            crate::records::organizations::names_in,
            move |conn, filter: &NotificationFilter| optout::list(conn, &viewer, filter, today),
        )
    };
    let fetch = move |conn: &mut crate::db::DbConnection, filter: &NotificationFilter| {
        let found = optout::list(conn, &viewer, filter, today)?;
        Ok(Table {
            caption: "オプトアウト届出",
            columns: vec![
                "届出番号",
                "提供者の名称",
                "届出日",
                "版",
                "審査の状況",
                "受理日",
                "廃止の日",
            ],
            total: found.count(),
            rows: found
                .items
                .into_iter()
                .map(|n| {
                    let href = format!("/registers/optout/{}", n.id);
                    vec![
                        Cell::link(&n.reference, &href),
                        Cell::link(&n.content.provider_name, &href),
                        Cell::date(Some(n.notified_on)),
                        Cell::text(n.version),
                        Cell::text(n.review_status.label_ja()),
                        Cell::date(n.accepted_on),
                        Cell::date(n.withdrawn_on),
                    ]
                })
                .collect(),
        })
    };
    lists::serve_with(
        list,
        user.chrome("オプトアウト届出"),
        &db,
        &asked,
        filter,
        fetch,
        Some(full),
    )
    .await
}

/// One field of the notification as the page shows it.
struct Shown {
    label: &'static str,
    text: String,
}

#[derive(Template)]
#[template(path = "registers/optout.html")]
struct NotificationPage {
    chrome: Chrome,
    notification: Notification,
    organization: String,
    filing_ja: &'static str,
    content: Vec<Shown>,
    versions: Table,
    reviews: Table,
    confirmations: Table,
    forms: Vec<String>,
    staff: bool,
}

impl NotificationPage {
    /// A field's short label, as the notification's vocabulary names it.
    fn label<'a>(&self, field: &'a str) -> &'a str {
        OPTOUT.short(field)
    }
}

/// The notification's content, labelled from its vocabulary, each value as text.
fn shown(notification: &Notification) -> Vec<Shown> {
    let content = serde_json::to_value(&notification.content).unwrap_or_default();
    content_fields()
        .iter()
        .map(|field| Shown {
            label: OPTOUT.short(field.name),
            text: match content.get(field.name) {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("、"),
                Some(Value::String(text)) => text.clone(),
                _ => "－".to_owned(),
            },
        })
        .collect()
}

fn versions_table(versions: &[OptoutVersion]) -> Table {
    Table {
        caption: "版",
        columns: vec![
            "版",
            "届出の種別",
            "提出日",
            "変更の予定日",
            "変わった項目",
            "理由",
        ],
        total: crate::http::Total::exact(i64::try_from(versions.len()).unwrap_or_default()),
        rows: versions
            .iter()
            .map(|v| {
                let changed: Vec<&str> = v.changed.iter().map(|f| OPTOUT.short(f)).collect();
                vec![
                    Cell::text(format!("第{}版", v.version)),
                    Cell::text(v.filing.label_ja()),
                    Cell::date(Some(v.submitted_on)),
                    Cell::date(v.effective_on),
                    Cell::text(if changed.is_empty() {
                        "－".to_owned()
                    } else {
                        changed.join("、")
                    }),
                    Cell::text(v.reason.as_deref().unwrap_or("－")),
                ]
            })
            .collect(),
    }
}

fn reviews_table(reviews: &[OptoutReview]) -> Table {
    Table {
        caption: "審査",
        columns: vec!["版", "決定", "決定日", "コメント", "補正の期限"],
        total: crate::http::Total::exact(i64::try_from(reviews.len()).unwrap_or_default()),
        rows: reviews
            .iter()
            .map(|r| {
                vec![
                    Cell::text(format!("第{}版", r.version)),
                    Cell::text(r.decision.label_ja()),
                    Cell::date(Some(r.decided_on)),
                    Cell::text(r.comment.as_deref().unwrap_or("－")),
                    Cell::date(r.due_on),
                ]
            })
            .collect(),
    }
}

fn review_sections() -> Vec<Section> {
    vec![Section {
        legend: "審査",
        fields: vec![
            Field::new(
                "decision",
                "決定",
                Input::Select(options(Decision::ALL, Decision::as_str, Decision::label_ja)),
            )
            .required(),
            Field::new(
                "comment",
                "補正してほしい内容（補正依頼のとき）",
                Input::TextArea,
            ),
            Field::new("due_on", "補正の期限", Input::Date),
            Field::new(
                "decided_on",
                "決定日（過去の審査を入力するとき）",
                Input::Date,
            ),
        ],
    }]
}

fn amendment_sections(viewer: &Principal) -> Vec<Section> {
    let mut filing = vec![Field::new("reason", "補正の理由", Input::TextArea).required()];
    filing.extend(submitted_on_field(viewer));
    vec![
        Section {
            legend: "補正",
            fields: filing,
        },
        Section {
            legend: "届出事項",
            fields: content_fields(),
        },
    ]
}

fn change_sections(viewer: &Principal) -> Vec<Section> {
    let mut filing = vec![
        Field::new("effective_on", "変更の予定日", Input::Date).required(),
        Field::new("reason", "変更の内容・理由", Input::TextArea),
    ];
    filing.extend(submitted_on_field(viewer));
    vec![
        Section {
            legend: "変更届",
            fields: filing,
        },
        Section {
            legend: "変更後の届出事項",
            fields: content_fields(),
        },
    ]
}

fn withdrawal_sections(viewer: &Principal) -> Vec<Section> {
    let mut fields = vec![
        Field::new(
            "effective_on",
            "廃止の日（第三者への提供をやめる日）",
            Input::Date,
        )
        .required(),
    ];
    fields.extend(submitted_on_field(viewer));
    vec![Section {
        legend: "廃止届",
        fields,
    }]
}

fn confirmations_table(asked: &[(OptoutCampaign, OptoutConfirmation)]) -> Table {
    Table {
        caption: "記載内容の確認（実態調査）",
        columns: vec!["調査", "依頼の日", "回答の期限", "回答", "回答日"],
        total: crate::http::Total::exact(i64::try_from(asked.len()).unwrap_or_default()),
        rows: asked
            .iter()
            .map(|(campaign, answer)| {
                vec![
                    Cell::text(&campaign.title),
                    Cell::date(Some(campaign.started_on)),
                    Cell::date(campaign.due_on),
                    Cell::text(answer.outcome.0.map_or("未回答", |o| o.label_ja())),
                    Cell::date(answer.answered_on),
                ]
            })
            .collect(),
    }
}

fn confirmation_sections(
    viewer: &Principal,
    open: &[(OptoutCampaign, OptoutConfirmation)],
) -> Vec<Section> {
    let mut fields = vec![
        Field::new(
            "campaign_id",
            "調査",
            Input::Select(
                open.iter()
                    .map(|(campaign, _)| (campaign.id.to_string(), campaign.title.clone()))
                    .collect(),
            ),
        )
        .required(),
        Field::new(
            "outcome",
            "回答",
            Input::Select(options(
                ConfirmationOutcome::ALL,
                ConfirmationOutcome::as_str,
                ConfirmationOutcome::label_ja,
            )),
        )
        .required()
        .hint("記載内容が実態と異なるときは、先に変更届を提出してから「再届出」と回答します。"),
        Field::new("note", "備考", Input::TextArea),
    ];
    if viewer.role.is_staff() {
        fields.push(Field::new(
            "answered_on",
            "回答日（書面の回答を入力するとき）",
            Input::Date,
        ));
    }
    vec![Section {
        legend: "記載内容の確認への回答",
        fields,
    }]
}

/// Which of the page's forms came back refused, with its state.
enum Refused {
    Confirmation(FormState),
    OptoutReview(FormState),
    OptoutAmendment(FormState),
    Change(FormState),
    Withdrawal(FormState),
}

async fn notification_answer(
    user: &WebUser,
    db: &Db,
    id: i64,
    status: StatusCode,
    notice: Option<String>,
    refused: Option<Refused>,
) -> Result<HttpResponse, WebError> {
    let readable = commands::readable(db, user, id, today()).await?;
    let versions = commands::versions(db, &readable).await?;
    let reviews = commands::reviews(db, &readable).await?;
    let asked = commands::confirmations(db, &readable).await?;
    let Readable(notification) = readable;
    let organization_id = notification.organization_id;
    let organization = db
        .read(move |conn| organizations::names(conn, &[organization_id]))
        .await?
        .remove(&organization_id)
        .unwrap_or_default();
    let current = {
        let json = serde_json::to_value(&notification.content).unwrap_or_default();
        let sections = [Section {
            legend: "",
            fields: content_fields(),
        }];
        match &json {
            Value::Object(object) => Values::from_json(object, &sections),
            _ => Values::default(),
        }
    };
    let (mut review, mut amendment, mut change, mut withdrawal) = (None, None, None, None);
    let mut confirmation = None;
    match refused {
        Some(Refused::Confirmation(state)) => confirmation = Some(state),
        Some(Refused::OptoutReview(state)) => review = Some(state),
        Some(Refused::OptoutAmendment(state)) => amendment = Some(state),
        Some(Refused::Change(state)) => change = Some(state),
        Some(Refused::Withdrawal(state)) => withdrawal = Some(state),
        None => {}
    }
    let open = notification.withdrawn_on.is_none();
    let base = format!("/registers/optout/{id}");
    let mut shown_forms = Vec::new();
    let unanswered: Vec<(OptoutCampaign, OptoutConfirmation)> = asked
        .iter()
        .filter(|(_, answer)| answer.outcome.0.is_none())
        .cloned()
        .collect();
    if !unanswered.is_empty() {
        shown_forms.push(FormPart::html(
            "confirmation",
            "記載内容の確認に回答する",
            format!("{base}/confirm"),
            "回答する",
            user.csrf(),
            &confirmation_sections(user, &unanswered),
            &confirmation.unwrap_or_default(),
        )?);
    }
    if open && user.role.is_staff() && notification.review_status == ReviewStatus::Received {
        shown_forms.push(FormPart::html(
            "review",
            "審査する",
            format!("{base}/review"),
            "決定する",
            user.csrf(),
            &review_sections(),
            &review.unwrap_or_default(),
        )?);
    }
    if open && notification.review_status != ReviewStatus::Accepted {
        shown_forms.push(FormPart::html(
            "amendment",
            "補正する",
            format!("{base}/amend"),
            "補正する",
            user.csrf(),
            &amendment_sections(user),
            &amendment.unwrap_or_else(|| FormState::with(current.clone())),
        )?);
    }
    if open && notification.review_status == ReviewStatus::Accepted {
        shown_forms.push(FormPart::html(
            "change",
            "変更を届け出る（変更届）",
            format!("{base}/change"),
            "変更を届け出る",
            user.csrf(),
            &change_sections(user),
            &change.unwrap_or_else(|| FormState::with(current.clone())),
        )?);
    }
    if open {
        shown_forms.push(FormPart::html(
            "withdrawal",
            "廃止を届け出る（廃止届）",
            format!("{base}/withdraw"),
            "廃止を届け出る",
            user.csrf(),
            &withdrawal_sections(user),
            &withdrawal.unwrap_or_default(),
        )?);
    }
    let title = format!(
        "{}（{}）",
        notification.content.provider_name, notification.reference
    );
    page(
        status,
        &NotificationPage {
            chrome: user.chrome(title).with_notice(notice),
            filing_ja: notification.filing.label_ja(),
            content: shown(&notification),
            versions: versions_table(&versions),
            reviews: reviews_table(&reviews),
            confirmations: confirmations_table(&asked),
            organization,
            notification,
            forms: shown_forms,
            staff: user.role.is_staff(),
        },
    )
}

/// A notification: what it states, its versions and reviews, and the forms that may follow.
#[utoipa::path(get, path = "/registers/optout/{id}", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 404, description = "no such notification, or another organization's")))]
#[get("/registers/optout/{id}")]
pub async fn notification_page(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::OptoutNotification)?;
    let notice = match query.done.as_deref() {
        Some("filed") => Some("届出を受け付けました。".to_owned()),
        Some("reviewed") => Some("審査の結果を記録しました。届出者に通知します。".to_owned()),
        Some("amended") => Some("補正を受け付けました。".to_owned()),
        Some("changed") => Some("変更届を受け付けました。".to_owned()),
        Some("withdrawn") => Some("廃止届を受け付けました。".to_owned()),
        Some("confirmed") => Some("記載内容の確認への回答を記録しました。".to_owned()),
        _ => None,
    };
    notification_answer(&user, &db, id, StatusCode::OK, notice, None).await
}

/// The answer to one of the page's forms: to the page with what was done, or the page again
/// with the form refused.
async fn answered(
    user: &WebUser,
    db: &Db,
    id: i64,
    outcome: Result<&'static str, AppError>,
    values: Values,
    refused: fn(FormState) -> Refused,
) -> Result<HttpResponse, WebError> {
    match outcome {
        Ok(done) => Ok(see_other(&format!("/registers/optout/{id}?done={done}"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            notification_answer(user, db, id, status, None, Some(refused(state))).await
        }
    }
}

#[utoipa::path(post, path = "/registers/optout/{id}/review", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `decision`, `comment`, `due_on`, `decided_on`"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token, or not staff"), (status = 404, description = "no such notification"), (status = 409, description = "not awaiting a decision: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/optout/{id}/review")]
pub async fn review_notification(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::OptoutNotification)?;
    let readable = commands::readable(&db, &user, id, today()).await?;
    let sections = review_sections();
    let values = Values::from_form(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<NewOptoutReview>(&sections, &values) {
        Ok(new) => commands::review(&db, &user, mail, &readable, new, today())
            .await
            .map(|_| "reviewed"),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    answered(&user, &db, id, outcome, values, Refused::OptoutReview).await
}

#[utoipa::path(post, path = "/registers/optout/{id}/amend", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `reason` and the notification's fields (empty optional ones clear them)"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such notification, or another organization's"), (status = 409, description = "accepted, withdrawn or unchanged: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/optout/{id}/amend")]
pub async fn amend_notification(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::OptoutNotification)?;
    let readable = commands::readable(&db, &user, id, today()).await?;
    let sections = amendment_sections(&user);
    let (values, parsed) = forms::changes::<OptoutAmendment>(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match parsed {
        Ok(amendment) => commands::amend(&db, &user, mail, &readable, amendment, today())
            .await
            .map(|_| "amended"),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    answered(&user, &db, id, outcome, values, Refused::OptoutAmendment).await
}

#[utoipa::path(post, path = "/registers/optout/{id}/change", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `effective_on`, `reason` and the notification's fields as changed"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such notification, or another organization's"), (status = 409, description = "not accepted, withdrawn or unchanged: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/optout/{id}/change")]
pub async fn change_notification(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::OptoutNotification)?;
    let readable = commands::readable(&db, &user, id, today()).await?;
    let sections = change_sections(&user);
    let (values, parsed) = forms::changes::<OptoutChange>(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match parsed {
        Ok(change) => commands::change(&db, &user, mail, &readable, change, today())
            .await
            .map(|_| "changed"),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    answered(&user, &db, id, outcome, values, Refused::Change).await
}

#[utoipa::path(post, path = "/registers/optout/{id}/withdraw", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `effective_on`, `submitted_on`"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such notification, or another organization's"), (status = 409, description = "already withdrawn: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/optout/{id}/withdraw")]
pub async fn withdraw_notification(
    user: WebUser,
    db: web::Data<Db>,
    config: web::Data<Config>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::OptoutNotification)?;
    let readable = commands::readable(&db, &user, id, today()).await?;
    let sections = withdrawal_sections(&user);
    let values = Values::from_form(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<OptoutWithdrawal>(&sections, &values) {
        Ok(withdrawal) => commands::withdraw(&db, &user, mail, &readable, withdrawal, today())
            .await
            .map(|_| "withdrawn"),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    answered(&user, &db, id, outcome, values, Refused::Withdrawal).await
}

#[utoipa::path(post, path = "/registers/optout/{id}/confirm", tag = "pages", params(("id" = String, Path)), request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `campaign_id`, `outcome`, `note`, `answered_on`"), responses((status = 303, description = "done: to the notification's page"), (status = 403, description = "no valid CSRF token"), (status = 404, description = "no such notification, or another organization's"), (status = 409, description = "answered already: the page again, with the reason"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/optout/{id}/confirm")]
pub async fn confirm_notification(
    user: WebUser,
    db: web::Data<Db>,
    id: web::Path<String>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let id = record_id(&id, Missing::OptoutNotification)?;
    let readable = commands::readable(&db, &user, id, today()).await?;
    let asked = commands::confirmations(&db, &readable).await?;
    let sections = confirmation_sections(&user, &asked);
    let values = Values::from_form(&form, &sections);
    let outcome = match forms::parse::<NewConfirmation>(&sections, &values) {
        Ok(new) => commands::answer(&db, &user, &readable, new, today())
            .await
            .map(|_| "confirmed"),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    answered(&user, &db, id, outcome, values, Refused::Confirmation).await
}
