//! Campaigns over the opt-out register (実態調査: 届出書の記載内容の確認を求め、必要に応じて
//! 再届出): staff ask every notifier in the register to confirm its notification; each notifier
//! answers for each of its notifications — unchanged, refiled (with a change filing) or withdrawn.
//! Tracked per notifier; not a report collection, so it counts in no supervision figure.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use validator::Validate;

use crate::db::schema::{
    optout_campaigns as campaigns, optout_confirmations as confirmations,
    optout_notifications as notes,
};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::registers::{ConfirmationOutcome, campaign_covers};
use crate::error::{AppError, FieldErrors, Missing, Refusal};

/// `POST /api/v1/optout-campaigns` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCampaign {
    /// 調査の名称, e.g. 令和元年度オプトアウト届出事業者に対する実態調査.
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub title: String,
    /// The day the request goes out (today when left out): the register of that day is asked.
    pub started_on: Option<NaiveDate>,
    /// By when the notifiers are asked to answer.
    pub due_on: Option<NaiveDate>,
}

/// `POST /api/v1/optout-notifications/{id}/confirmations`: the notifier's answer.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewConfirmation {
    pub campaign_id: i64,
    pub outcome: ConfirmationOutcome,
    #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 2000)]
    pub note: Option<String>,
    /// The day it answered (staff entering a paper answer; today when left out).
    pub answered_on: Option<NaiveDate>,
}

/// A campaign as stored.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = campaigns)]
pub struct OptoutCampaign {
    pub id: i64,
    pub title: String,
    pub started_on: NaiveDate,
    pub due_on: Option<NaiveDate>,
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// A notifier's answer as stored: its code, read into [`ConfirmationOutcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answered(pub Option<ConfirmationOutcome>);

impl TryFrom<Option<String>> for Answered {
    type Error = crate::domain::UnknownCode;

    fn try_from(code: Option<String>) -> Result<Self, Self::Error> {
        code.map(ConfirmationOutcome::try_from)
            .transpose()
            .map(Self)
    }
}

impl Serialize for Answered {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// One notification asked in a campaign, and its answer.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = confirmations)]
pub struct OptoutConfirmation {
    pub id: i64,
    pub campaign_id: i64,
    pub notification_id: i64,
    pub organization_id: i64,
    /// The answer; null until the notifier answers.
    #[diesel(deserialize_as = Option<String>)]
    #[schema(value_type = Option<ConfirmationOutcome>)]
    pub outcome: Answered,
    pub answered_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub answered_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

/// How a campaign stands: notifications asked and answered, by answer; notifiers not answered.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CampaignTally {
    /// Notifications asked.
    pub asked: i64,
    /// Distinct notifiers asked.
    pub notifiers: i64,
    pub confirmed: i64,
    pub refiled: i64,
    pub withdrawn: i64,
    /// Notifications not answered yet.
    pub unanswered: i64,
    /// Notifiers with a notification not answered yet.
    pub notifiers_unanswered: i64,
}

/// A campaign with its tally and every notification asked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CampaignView {
    #[serde(flatten)]
    pub campaign: OptoutCampaign,
    pub tally: CampaignTally,
    pub items: Vec<OptoutConfirmation>,
}

/// What starting a campaign wrote: the campaign and the notifications it asks.
pub struct Started {
    pub campaign: OptoutCampaign,
    pub asked: Vec<(i64, i64)>,
}

/// Starts a campaign: every notification in the register on `started_on` is asked.
pub fn start(
    tx: &mut WriteTx<'_>,
    user_id: Option<i64>,
    new: NewCampaign,
    today: NaiveDate,
) -> Result<Started, AppError> {
    let started_on = new.started_on.unwrap_or(today);
    let mut errors = FieldErrors::new();
    if started_on > today {
        errors.add("started_on", Refusal::InFuture);
    }
    if let Some(due_on) = new.due_on
        && due_on < started_on
    {
        errors.add("due_on", Refusal::BeforeDate { date: started_on });
    }
    errors.into_result()?;
    let now = tx.now();
    let id: i64 = diesel::insert_into(campaigns::table)
        .values((
            campaigns::title.eq(new.title.trim()),
            campaigns::started_on.eq(started_on),
            campaigns::due_on.eq(new.due_on),
            campaigns::created_by_user_id.eq(user_id),
            campaigns::created_at.eq(now),
        ))
        .returning(campaigns::id)
        .get_result(tx.conn())?;
    let register: Vec<(i64, i64, Option<NaiveDate>, Option<NaiveDate>)> = notes::table
        .filter(notes::accepted_on.le(started_on))
        .order(notes::id.asc())
        .select((
            notes::id,
            notes::organization_id,
            notes::accepted_on,
            notes::withdrawn_on,
        ))
        .load(tx.conn())?;
    let asked: Vec<(i64, i64)> = register
        .into_iter()
        .filter(|(_, _, accepted_on, withdrawn_on)| {
            campaign_covers(*accepted_on, *withdrawn_on, started_on)
        })
        .map(|(notification, organization, _, _)| (notification, organization))
        .collect();
    for chunk in asked.chunks(500) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(notification, organization)| {
                (
                    confirmations::campaign_id.eq(id),
                    confirmations::notification_id.eq(*notification),
                    confirmations::organization_id.eq(*organization),
                    confirmations::created_at.eq(now),
                    confirmations::updated_at.eq(now),
                )
            })
            .collect();
        let insert = diesel::insert_into(confirmations::table).values(rows);
        // Many rows in one statement: on the backend's own connection (`natively!`).
        crate::db::natively!(tx.conn(), |c| insert.execute(c))?;
    }
    let campaign = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Record))?;
    tx.record(
        Action::Create,
        Entity::OptoutCampaign,
        id,
        &json!({"campaign": campaign, "asked": asked.len()}),
    )?;
    Ok(Started { campaign, asked })
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<OptoutCampaign>, AppError> {
    Ok(campaigns::table
        .find(id)
        .select(OptoutCampaign::as_select())
        .first(conn)
        .optional()?)
}

/// Every campaign, newest first.
pub fn list(conn: &mut DbConnection) -> Result<Vec<OptoutCampaign>, AppError> {
    Ok(campaigns::table
        .order(campaigns::id.desc())
        .select(OptoutCampaign::as_select())
        .load(conn)?)
}

/// A campaign with its tally and items.
pub fn view(conn: &mut DbConnection, id: i64) -> Result<Option<CampaignView>, AppError> {
    let Some(campaign) = find(conn, id)? else {
        return Ok(None);
    };
    let items: Vec<OptoutConfirmation> = confirmations::table
        .filter(confirmations::campaign_id.eq(id))
        .order(confirmations::id.asc())
        .select(OptoutConfirmation::as_select())
        .load(conn)?;
    let tally = tally(&items);
    Ok(Some(CampaignView {
        campaign,
        tally,
        items,
    }))
}

fn tally(items: &[OptoutConfirmation]) -> CampaignTally {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let of = |outcome| {
        items
            .iter()
            .filter(|i| i.outcome.0 == Some(outcome))
            .count()
    };
    let notifiers: std::collections::BTreeSet<i64> =
        items.iter().map(|i| i.organization_id).collect();
    let waiting: std::collections::BTreeSet<i64> = items
        .iter()
        .filter(|i| i.outcome.0.is_none())
        .map(|i| i.organization_id)
        .collect();
    CampaignTally {
        asked: count(items.len()),
        notifiers: count(notifiers.len()),
        confirmed: count(of(ConfirmationOutcome::Confirmed)),
        refiled: count(of(ConfirmationOutcome::Refiled)),
        withdrawn: count(of(ConfirmationOutcome::Withdrawn)),
        unanswered: count(items.iter().filter(|i| i.outcome.0.is_none()).count()),
        notifiers_unanswered: count(waiting.len()),
    }
}

/// The campaigns that asked notification `id`, with its answers.
pub fn of_notification(
    conn: &mut DbConnection,
    id: i64,
) -> Result<Vec<(OptoutCampaign, OptoutConfirmation)>, AppError> {
    let rows: Vec<(OptoutCampaign, OptoutConfirmation)> = confirmations::table
        .inner_join(campaigns::table)
        .filter(confirmations::notification_id.eq(id))
        .order(confirmations::id.asc())
        .select((OptoutCampaign::as_select(), OptoutConfirmation::as_select()))
        .load(conn)?;
    Ok(rows)
}

/// Records the notifier's answer to a campaign for notification `notification_id`.
pub fn answer(
    tx: &mut WriteTx<'_>,
    user_id: Option<i64>,
    staff: bool,
    notification_id: i64,
    new: NewConfirmation,
    today: NaiveDate,
) -> Result<OptoutConfirmation, AppError> {
    let asked: Option<OptoutConfirmation> = confirmations::table
        .filter(confirmations::campaign_id.eq(new.campaign_id))
        .filter(confirmations::notification_id.eq(notification_id))
        .select(OptoutConfirmation::as_select())
        .first(tx.conn())
        .optional()?;
    let mut errors = FieldErrors::new();
    let answered_on = match new.answered_on {
        Some(_) if !staff => {
            errors.add("answered_on", Refusal::StaffSetReceivedOn);
            today
        }
        Some(day) if day > today => {
            errors.add("answered_on", Refusal::InFuture);
            today
        }
        Some(day) => day,
        None => today,
    };
    if asked.is_none() {
        errors.add("campaign_id", Refusal::NotAsked);
    }
    errors.into_result()?;
    let asked = asked.ok_or(AppError::NotFound(Missing::Record))?;
    if let (Some(outcome), Some(day)) = (asked.outcome.0, asked.answered_on) {
        return Err(AppError::Conflict(Refusal::AlreadyAnswered {
            answered_on: day,
            outcome: crate::error::Term::new(outcome.as_str(), outcome.label_ja()),
        }));
    }
    let note = new.note.as_deref().map(str::trim).map(str::to_owned);
    let now = tx.now();
    diesel::update(confirmations::table.find(asked.id))
        .set((
            confirmations::outcome.eq(new.outcome.as_str()),
            confirmations::answered_on.eq(answered_on),
            confirmations::note.eq(&note),
            confirmations::answered_by_user_id.eq(user_id),
            confirmations::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Answer,
        Entity::OptoutNotification,
        notification_id,
        &json!({
            "campaign_id": new.campaign_id, "outcome": new.outcome, "answered_on": answered_on,
            "note": note,
        }),
    )?;
    let answered: OptoutConfirmation = confirmations::table
        .find(asked.id)
        .select(OptoutConfirmation::as_select())
        .first(tx.conn())?;
    Ok(answered)
}
