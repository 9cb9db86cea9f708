//! Staff's pages of the campaigns over the opt-out register (実態調査): start one, and follow
//! each notifier's answer.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, get, post, web};
use askama::Template;

use crate::auth::StaffOnly;
use crate::clock::today_in_japan as today;
use crate::config::Config;
use crate::db::Db;
use crate::error::{AppError, Missing};
use crate::notify::MailSettings;
use crate::records::organizations;
use crate::registers::campaigns::{CampaignTally, NewCampaign, OptoutCampaign};
use crate::registers::commands;
use crate::web::forms::{self, Field, FormPart, FormState, Input, Section, Values};
use crate::web::layout::Chrome;
use crate::web::lists::{Cell, Table};
use crate::web::session::{FormData, WebUser};
use crate::web::{WebError, page, record_id, see_other};

fn campaign_sections() -> Vec<Section> {
    vec![Section {
        legend: "実態調査",
        fields: vec![
            Field::new("title", "調査の名称", Input::Text).required(),
            Field::new("started_on", "依頼の日（空欄なら今日）", Input::Date)
                .hint("この日に公表している届出のすべてに、記載内容の確認を依頼します。"),
            Field::new("due_on", "回答の期限", Input::Date),
        ],
    }]
}

#[derive(Template)]
#[template(path = "registers/campaigns.html")]
struct CampaignsPage {
    chrome: Chrome,
    campaigns: Vec<OptoutCampaign>,
    form: String,
}

async fn campaigns_answer(
    user: &WebUser<StaffOnly>,
    db: &Db,
    status: StatusCode,
    state: FormState,
) -> Result<HttpResponse, WebError> {
    let campaigns = commands::campaigns(db).await?;
    let form = FormPart::html(
        "campaign",
        "実態調査を始める",
        "/registers/campaigns/new".into(),
        "確認を依頼する",
        user.csrf(),
        &campaign_sections(),
        &state,
    )?;
    page(
        status,
        &CampaignsPage {
            chrome: user.chrome("オプトアウト届出の実態調査"),
            campaigns,
            form,
        },
    )
}

/// The campaigns, and the form that starts one.
#[utoipa::path(get, path = "/registers/campaigns", tag = "pages", responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page")))]
#[get("/registers/campaigns")]
pub async fn campaigns_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
) -> Result<HttpResponse, WebError> {
    campaigns_answer(&user, &db, StatusCode::OK, FormState::default()).await
}

#[utoipa::path(post, path = "/registers/campaigns/new", tag = "pages", request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`csrf_token`, `title`, `started_on`, `due_on`"), responses((status = 303, description = "done: to the campaign's page"), (status = 403, description = "no valid CSRF token, or another role"), (status = 422, description = "the page again, refusals beside their fields")))]
#[post("/registers/campaigns/new")]
pub async fn start_campaign(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    config: web::Data<Config>,
    form: FormData,
) -> Result<HttpResponse, WebError> {
    user.check_csrf(&form)?;
    let sections = campaign_sections();
    let values = Values::from_form(&form, &sections);
    let mail = MailSettings::from(&config.mail);
    let outcome = match forms::parse::<NewCampaign>(&sections, &values) {
        Ok(new) => commands::start_campaign(&db, &user, mail, new, today())
            .await
            .map(|c| c.campaign.id),
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(id) => Ok(see_other(&format!("/registers/campaigns/{id}"))),
        Err(error) => {
            let (status, state) = forms::refused(error, values)?;
            campaigns_answer(&user, &db, status, state).await
        }
    }
}

#[derive(Template)]
#[template(path = "registers/campaign.html")]
struct CampaignPage {
    chrome: Chrome,
    campaign: OptoutCampaign,
    tally: CampaignTally,
    table: Table,
}

/// A campaign: how it stands, and each notification asked with its notifier's answer.
#[utoipa::path(get, path = "/registers/campaigns/{id}", tag = "pages", params(("id" = String, Path)), responses((status = 200, description = "the page (text/html)"), (status = 303, description = "to /login without a session"), (status = 403, description = "another role's page"), (status = 404, description = "no such campaign")))]
#[get("/registers/campaigns/{id}")]
pub async fn campaign_page(
    user: WebUser<StaffOnly>,
    db: web::Data<Db>,
    id: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let id = record_id(&id, Missing::OptoutCampaign)?;
    let view = commands::campaign(&db, id).await?;
    let ids: Vec<i64> = view.items.iter().map(|i| i.organization_id).collect();
    let names = db
        .read(move |conn| organizations::names(conn, &ids))
        .await?;
    let table = Table {
        caption: "確認を依頼した届出",
        columns: vec!["届出", "届出者", "回答", "回答日", "備考"],
        total: crate::http::Total::exact(i64::try_from(view.items.len()).unwrap_or_default()),
        rows: view
            .items
            .iter()
            .map(|item| {
                vec![
                    Cell::link(
                        format!("届出 {}", item.notification_id),
                        format!("/registers/optout/{}", item.notification_id),
                    ),
                    Cell::text(
                        names
                            .get(&item.organization_id)
                            .cloned()
                            .unwrap_or_default(),
                    ),
                    Cell::text(item.outcome.0.map_or("未回答", |o| o.label_ja())),
                    Cell::date(item.answered_on),
                    Cell::text(item.note.as_deref().unwrap_or("－")),
                ]
            })
            .collect(),
    };
    page(
        StatusCode::OK,
        &CampaignPage {
            chrome: user.chrome(view.campaign.title.clone()),
            campaign: view.campaign,
            tally: view.tally,
            table,
        },
    )
}
