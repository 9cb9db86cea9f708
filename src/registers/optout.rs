//! Opt-out notifications (オプトアウト届出, 個人情報保護法第27条第2項・第3項): what a business
//! files, its versions and reviews, its changes (変更届) and its withdrawal (廃止届), and the
//! register the Commission publishes. A notification is reviewed as a report is (受付 → 受理, or
//! 補正依頼 and an amendment with every version kept); the rules of what it must state and when it
//! is in force are `domain::registers`'.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::Principal;
use crate::db::schema::{optout_notifications as notes, optout_reviews, optout_versions};
use crate::db::text::{containing, lower};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::reference::optout_reference;
use crate::domain::registers::{
    AmendedItems, Filing, missing_items, notification_in_force, withdrawal_refusals,
};
use crate::domain::review::{Decision, ReviewStatus, review_refusals};
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest, Total};
use crate::records::organizations;

/// What a notification states (法第27条第2項各号): the content every version keeps whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OptoutContent {
    /// 第三者に提供を行う個人情報取扱事業者の氏名又は名称
    pub provider_name: String,
    /// 住所
    pub provider_address: String,
    /// 法人にあっては、その代表者の氏名
    pub representative: String,
    /// 第三者への提供を利用目的とすること
    pub purpose: String,
    /// 第三者に提供される個人データの項目
    pub data_items: Vec<String>,
    /// 第三者に提供される個人データの取得の方法 (required from 2022-04-01)
    pub obtained_how: Option<String>,
    /// 第三者への提供の方法
    pub provided_how: String,
    /// 本人の求めを受け付ける方法
    pub request_method: String,
    /// 個人データの更新の方法 (required from 2022-04-01)
    pub update_method: Option<String>,
    /// 第三者への提供を開始する予定日 (required from 2022-04-01)
    pub start_on: Option<NaiveDate>,
}

impl OptoutContent {
    /// The items the amended Act added, as stated or not.
    fn amended_items(&self) -> AmendedItems {
        AmendedItems {
            obtained_how: self.obtained_how.is_some(),
            update_method: self.update_method.is_some(),
            start_on: self.start_on.is_some(),
        }
    }

    fn trimmed(mut self) -> Self {
        let trim = |text: &mut String| *text = text.trim().to_owned();
        trim(&mut self.provider_name);
        trim(&mut self.provider_address);
        trim(&mut self.representative);
        trim(&mut self.purpose);
        trim(&mut self.provided_how);
        trim(&mut self.request_method);
        for item in &mut self.data_items {
            trim(item);
        }
        for text in [&mut self.obtained_how, &mut self.update_method]
            .into_iter()
            .flatten()
        {
            trim(text);
        }
        self
    }
}

/// `POST /api/v1/optout-notifications`: a notification (届出), by a reporter for its
/// organization or by staff (who may give `submitted_on` to enter one filed earlier).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewNotification {
    pub organization_id: i64,
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub provider_name: String,
    #[validate(length(max = 400), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 400)]
    pub provider_address: String,
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub representative: String,
    #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 4000)]
    pub purpose: String,
    #[validate(
        length(min = 1, max = 100, code = "data_item_count"),
        custom(function = "crate::http::data_items_field")
    )]
    #[schema(schema_with = crate::http::data_items_schema)]
    pub data_items: Vec<String>,
    #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 4000)]
    pub obtained_how: Option<String>,
    #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 4000)]
    pub provided_how: String,
    #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 4000)]
    pub request_method: String,
    #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 4000)]
    pub update_method: Option<String>,
    pub start_on: Option<NaiveDate>,
    /// The day it was submitted (staff entering history; today when left out).
    pub submitted_on: Option<NaiveDate>,
}

impl NewNotification {
    fn content(&self) -> OptoutContent {
        OptoutContent {
            provider_name: self.provider_name.clone(),
            provider_address: self.provider_address.clone(),
            representative: self.representative.clone(),
            purpose: self.purpose.clone(),
            data_items: self.data_items.clone(),
            obtained_how: self.obtained_how.clone(),
            provided_how: self.provided_how.clone(),
            request_method: self.request_method.clone(),
            update_method: self.update_method.clone(),
            start_on: self.start_on,
        }
        .trimmed()
    }
}

/// The fields of a content that an amendment or a change sends: those left out keep their
/// value, `null` clears an optional one. `$extra` are the filing's own fields.
macro_rules! content_changes {
    ($(#[$meta:meta])* pub struct $name:ident { $($extra:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, Default, Deserialize, Validate, ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($extra)*
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 200)]
            pub provider_name: Option<String>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 400), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 400)]
            pub provider_address: Option<String>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 200)]
            pub representative: Option<String>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 4000)]
            pub purpose: Option<String>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(
                length(min = 1, max = 100, code = "data_item_count"),
                custom(function = "crate::http::data_items_field")
            )]
            #[schema(schema_with = crate::http::data_items_schema)]
            pub data_items: Option<Vec<String>>,
            #[serde(default, deserialize_with = "crate::http::present")]
            #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
            #[schema(value_type = Option<String>, format = "text", max_length = 4000)]
            pub obtained_how: Option<Option<String>>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 4000)]
            pub provided_how: Option<String>,
            #[serde(default, deserialize_with = "crate::http::non_null")]
            #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
            #[schema(nullable = false, format = "text", max_length = 4000)]
            pub request_method: Option<String>,
            #[serde(default, deserialize_with = "crate::http::present")]
            #[validate(length(max = 4000), custom(function = "crate::http::text_field"))]
            #[schema(value_type = Option<String>, format = "text", max_length = 4000)]
            pub update_method: Option<Option<String>>,
            #[serde(default, deserialize_with = "crate::http::present")]
            #[schema(value_type = Option<NaiveDate>)]
            pub start_on: Option<Option<NaiveDate>>,
            /// The day it was submitted (staff entering history; today when left out).
            pub submitted_on: Option<NaiveDate>,
        }

        impl $name {
            /// The content as it would stand with these changes applied to `before`.
            fn applied_to(&self, before: &OptoutContent) -> OptoutContent {
                let given = |value: &Option<String>, was: &String| value.clone().unwrap_or_else(|| was.clone());
                let optional = |value: &Option<Option<String>>, was: &Option<String>| match value {
                    Some(value) => value.clone(),
                    None => was.clone(),
                };
                OptoutContent {
                    provider_name: given(&self.provider_name, &before.provider_name),
                    provider_address: given(&self.provider_address, &before.provider_address),
                    representative: given(&self.representative, &before.representative),
                    purpose: given(&self.purpose, &before.purpose),
                    data_items: self.data_items.clone().unwrap_or_else(|| before.data_items.clone()),
                    obtained_how: optional(&self.obtained_how, &before.obtained_how),
                    provided_how: given(&self.provided_how, &before.provided_how),
                    request_method: given(&self.request_method, &before.request_method),
                    update_method: optional(&self.update_method, &before.update_method),
                    start_on: self.start_on.unwrap_or(before.start_on),
                }
                .trimmed()
            }
        }
    };
}

content_changes! {
    /// `POST /api/v1/optout-notifications/{id}/amendments`: a correction (補正) of the filing under
    /// review, with its `reason`.
    pub struct OptoutAmendment {
        /// Why it is amended (補正の理由).
        #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
        #[schema(format = "text", max_length = 2000)]
        pub reason: String,
    }
}

content_changes! {
    /// `POST /api/v1/optout-notifications/{id}/changes`: a change filing (変更届) of an accepted
    /// notification, taking effect on `effective_on`; reviewed again.
    pub struct OptoutChange {
        /// The day the change takes effect (変更の予定日).
        pub effective_on: NaiveDate,
        /// What changes and why, in words (optional).
        #[serde(default)]
        #[validate(length(max = 2000), custom(function = "crate::http::text_field"))]
        #[schema(format = "text", max_length = 2000)]
        pub reason: Option<String>,
    }
}

/// `POST /api/v1/optout-notifications/{id}/withdrawal`: the withdrawal (廃止届); the
/// notification leaves the register on `effective_on`, without review.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OptoutWithdrawal {
    /// The day provision under the notification ends (廃止の日).
    pub effective_on: NaiveDate,
    /// The day it was submitted (staff entering history; today when left out).
    pub submitted_on: Option<NaiveDate>,
}

/// `POST /api/v1/optout-notifications/{id}/reviews`: staff's decision on the current version.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOptoutReview {
    pub decision: Decision,
    /// What to correct (required for `revision_requested`), shown to the notifier.
    #[validate(length(max = 5000), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 5000)]
    pub comment: Option<String>,
    /// By when the correction is asked for (`revision_requested` only; today or later).
    pub due_on: Option<NaiveDate>,
    /// The day of the decision (staff entering history; today when left out).
    pub decided_on: Option<NaiveDate>,
}

/// A notification as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notes)]
struct Row {
    id: i64,
    organization_id: i64,
    provider_name: String,
    provider_address: String,
    representative: String,
    purpose: String,
    data_items: String,
    obtained_how: Option<String>,
    provided_how: String,
    request_method: String,
    update_method: Option<String>,
    start_on: Option<NaiveDate>,
    notified_on: NaiveDate,
    filing: String,
    filed_on: NaiveDate,
    change_effective_on: Option<NaiveDate>,
    version: i32,
    review_status: String,
    accepted_on: Option<NaiveDate>,
    withdrawn_on: Option<NaiveDate>,
    withdrawal_submitted_on: Option<NaiveDate>,
    filed_by_user_id: Option<i64>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

/// An opt-out notification as the API answers it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Notification {
    pub id: i64,
    /// 届出番号, `OP-<year first submitted>-<number>`.
    pub reference: String,
    pub organization_id: i64,
    #[serde(flatten)]
    pub content: OptoutContent,
    /// The day it was first submitted (届出日).
    pub notified_on: NaiveDate,
    /// The filing the current version belongs to: `notification` or `change`.
    pub filing: Filing,
    /// The day the current filing was submitted.
    pub filed_on: NaiveDate,
    /// A change filing's day of effect.
    pub change_effective_on: Option<NaiveDate>,
    pub version: i32,
    pub review_status: ReviewStatus,
    /// Its first acceptance: in the register from this day.
    pub accepted_on: Option<NaiveDate>,
    /// Its withdrawal's day of effect: out of the register from this day.
    pub withdrawn_on: Option<NaiveDate>,
    pub withdrawal_submitted_on: Option<NaiveDate>,
    /// Whether it is in the published register today.
    pub in_force: bool,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

fn items_of(text: &str) -> Result<Vec<String>, AppError> {
    serde_json::from_str(text).map_err(AppError::internal)
}

impl Row {
    fn content(&self) -> Result<OptoutContent, AppError> {
        Ok(OptoutContent {
            provider_name: self.provider_name.clone(),
            provider_address: self.provider_address.clone(),
            representative: self.representative.clone(),
            purpose: self.purpose.clone(),
            data_items: items_of(&self.data_items)?,
            obtained_how: self.obtained_how.clone(),
            provided_how: self.provided_how.clone(),
            request_method: self.request_method.clone(),
            update_method: self.update_method.clone(),
            start_on: self.start_on,
        })
    }

    fn filing(&self) -> Result<Filing, AppError> {
        Filing::parse(&self.filing)
            .ok_or_else(|| AppError::internal(format!("filing {}", self.filing)))
    }

    fn status(&self) -> Result<ReviewStatus, AppError> {
        ReviewStatus::parse(&self.review_status)
            .ok_or_else(|| AppError::internal(format!("review status {}", self.review_status)))
    }

    fn view(&self, today: NaiveDate) -> Result<Notification, AppError> {
        Ok(Notification {
            id: self.id,
            reference: optout_reference(self.notified_on.year(), self.id),
            organization_id: self.organization_id,
            content: self.content()?,
            notified_on: self.notified_on,
            filing: self.filing()?,
            filed_on: self.filed_on,
            change_effective_on: self.change_effective_on,
            version: self.version,
            review_status: self.status()?,
            accepted_on: self.accepted_on,
            withdrawn_on: self.withdrawn_on,
            withdrawal_submitted_on: self.withdrawal_submitted_on,
            in_force: notification_in_force(self.accepted_on, self.withdrawn_on, today),
            filed_by_user_id: self.filed_by_user_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A version of a notification, as `GET …/{id}/versions` answers it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OptoutVersion {
    pub version: i32,
    /// `notification`, `amendment` or `change`.
    pub filing: Filing,
    /// The fields that changed from the version before (empty for the first).
    pub changed: Vec<String>,
    pub reason: Option<String>,
    pub submitted_on: NaiveDate,
    pub effective_on: Option<NaiveDate>,
    pub filed_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    /// The notification's content in this version.
    pub content: OptoutContent,
}

/// A review as stored and answered.
#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = optout_reviews)]
pub struct OptoutReview {
    pub id: i64,
    pub notification_id: i64,
    /// The version reviewed.
    pub version: i32,
    #[diesel(deserialize_as = String)]
    pub decision: Decision,
    pub comment: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub decided_on: NaiveDate,
    pub reviewer_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// What the public register shows of a notification: its last accepted content.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OptoutPublished {
    #[serde(flatten)]
    pub content: OptoutContent,
    /// The day the last accepted change took effect, if any (変更日).
    pub changed_on: Option<NaiveDate>,
}

/// A notification in the public register.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicNotification {
    pub reference: String,
    #[serde(flatten)]
    pub published: OptoutPublished,
    /// 届出日
    pub notified_on: NaiveDate,
    /// 受理日 (公表日)
    pub accepted_on: NaiveDate,
    /// A withdrawal filed to take effect later (廃止予定日).
    pub withdrawn_on: Option<NaiveDate>,
}

/// `GET /api/v1/optout-notifications`: staff see all, a reporter its organization's.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub organization_id: Option<i64>,
    pub review_status: Option<ReviewStatus>,
    /// `csv` or `xlsx`: the whole filtered list as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

/// `GET /api/v1/public/registers/optout`: the notifications in force today.
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PublicFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    /// Words of the provider's name, its purpose or the items provided.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    #[param(format = "text", min_length = 1, max_length = 200)]
    pub q: Option<String>,
    /// `csv` or `xlsx`: the whole register as a download instead of a page of JSON.
    pub format: Option<crate::http::download::Download>,
}

crate::http::download::downloadable!(NotificationFilter, PublicFilter);

/// Who files: the user (for the record) and whether staff, who may enter past days.
#[derive(Clone, Copy, Debug)]
pub struct Filer {
    pub user_id: Option<i64>,
    pub staff: bool,
}

impl Filer {
    pub fn of(principal: &Principal) -> Self {
        Self {
            user_id: Some(principal.user_id),
            staff: principal.role.is_staff(),
        }
    }

    /// The day a filing was submitted: the one staff give, or today. A reporter's, or a day
    /// ahead, is refused.
    fn submitted_on(
        self,
        given: Option<NaiveDate>,
        field: &'static str,
        today: NaiveDate,
        errors: &mut FieldErrors,
    ) -> NaiveDate {
        match given {
            Some(_) if !self.staff => {
                errors.add(field, Refusal::StaffSetReceivedOn);
                today
            }
            Some(day) if day > today => {
                errors.add(field, Refusal::InFuture);
                today
            }
            Some(day) => day,
            None => today,
        }
    }
}

/// What a filing wrote, for its mail.
#[derive(Debug)]
pub struct Filed {
    pub notification: Notification,
    pub filing: Filing,
}

fn find_row(conn: &mut DbConnection, id: i64) -> Result<Option<Row>, AppError> {
    Ok(notes::table
        .find(id)
        .select(Row::as_select())
        .first(conn)
        .optional()?)
}

/// The notification `id` as a filing sees it (locked where the backend locks rows).
fn locked(tx: &mut WriteTx<'_>, id: i64) -> Result<Row, AppError> {
    // Touching the row first takes PostgreSQL's row lock (SQLite's writer holds the file).
    diesel::update(notes::table.find(id))
        .set(notes::id.eq(id))
        .execute(tx.conn())?;
    find_row(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::OptoutNotification))
}

/// One notification.
pub fn find(
    conn: &mut DbConnection,
    id: i64,
    today: NaiveDate,
) -> Result<Option<Notification>, AppError> {
    find_row(conn, id)?.map(|row| row.view(today)).transpose()
}

/// What a version records of the filing that made it.
struct Made<'a> {
    kind: Filing,
    changed: &'a [String],
    reason: Option<&'a str>,
    submitted_on: NaiveDate,
    effective_on: Option<NaiveDate>,
}

fn write_version(
    tx: &mut WriteTx<'_>,
    row: &Row,
    filing: Made<'_>,
    filer: Filer,
) -> Result<(), AppError> {
    let content = serde_json::to_string(&row.content()?).map_err(AppError::internal)?;
    let changed = serde_json::to_string(filing.changed).map_err(AppError::internal)?;
    let now = tx.now();
    diesel::insert_into(optout_versions::table)
        .values((
            optout_versions::notification_id.eq(row.id),
            optout_versions::version.eq(row.version),
            optout_versions::filing.eq(filing.kind.as_str()),
            optout_versions::changed.eq(changed),
            optout_versions::reason.eq(filing.reason),
            optout_versions::submitted_on.eq(filing.submitted_on),
            optout_versions::effective_on.eq(filing.effective_on),
            optout_versions::content.eq(content),
            optout_versions::filed_by_user_id.eq(filer.user_id),
            optout_versions::created_at.eq(now),
        ))
        .execute(tx.conn())?;
    Ok(())
}

/// Files a notification. Refuses with every field at fault; writes nothing then.
pub fn file(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    new: NewNotification,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<Filed, AppError> {
    let mut errors = FieldErrors::new();
    let submitted_on = filer.submitted_on(new.submitted_on, "submitted_on", today, &mut errors);
    let content = new.content();
    for (field, why) in missing_items(submitted_on, content.amended_items()) {
        errors.add(field, why);
    }
    if organizations::find(tx.conn(), new.organization_id)?.is_none() {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id: new.organization_id,
            },
        );
    }
    errors.into_result()?;
    let now = tx.now();
    let data_items = serde_json::to_string(&content.data_items).map_err(AppError::internal)?;
    let id: i64 = diesel::insert_into(notes::table)
        .values((
            notes::organization_id.eq(new.organization_id),
            notes::provider_name.eq(&content.provider_name),
            notes::provider_address.eq(&content.provider_address),
            notes::representative.eq(&content.representative),
            notes::purpose.eq(&content.purpose),
            notes::data_items.eq(data_items),
            notes::obtained_how.eq(&content.obtained_how),
            notes::provided_how.eq(&content.provided_how),
            notes::request_method.eq(&content.request_method),
            notes::update_method.eq(&content.update_method),
            notes::start_on.eq(content.start_on),
            notes::notified_on.eq(submitted_on),
            notes::filing.eq(Filing::Notification.as_str()),
            notes::filed_on.eq(submitted_on),
            notes::version.eq(1),
            notes::review_status.eq(ReviewStatus::Received.as_str()),
            notes::filed_by_user_id.eq(filer.user_id),
            notes::created_at.eq(now),
            notes::updated_at.eq(now),
        ))
        .returning(notes::id)
        .get_result(tx.conn())?;
    let row = find_row(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::OptoutNotification))?;
    write_version(
        tx,
        &row,
        Made {
            kind: Filing::Notification,
            changed: &[],
            reason: None,
            submitted_on,
            effective_on: None,
        },
        filer,
    )?;
    let notification = row.view(today)?;
    match imported_from {
        // A row of an imported file is audited as an import, naming the file and the row.
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&notification).map_err(AppError::internal)?;
            changes["imported_from"] = json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::OptoutNotification, id, &changes)?;
        }
        None => tx.record(Action::File, Entity::OptoutNotification, id, &notification)?,
    }
    Ok(Filed {
        notification,
        filing: Filing::Notification,
    })
}

/// The fields whose values differ between two contents, in the content's order.
fn differences(before: &OptoutContent, after: &OptoutContent) -> Vec<(String, Value, Value)> {
    let (Value::Object(before), Value::Object(after)) = (json!(before), json!(after)) else {
        return Vec::new();
    };
    after
        .into_iter()
        .filter_map(|(field, to)| {
            let from = before.get(&field).cloned().unwrap_or(Value::Null);
            (from != to).then_some((field, from, to))
        })
        .collect()
}

/// Writes `content` as the notification's next version, received for review.
fn set_content(
    tx: &mut WriteTx<'_>,
    row: &Row,
    content: &OptoutContent,
    filing: Filing,
    filed_on: NaiveDate,
    change_effective_on: Option<NaiveDate>,
) -> Result<Row, AppError> {
    let data_items = serde_json::to_string(&content.data_items).map_err(AppError::internal)?;
    let now = tx.now();
    diesel::update(notes::table.find(row.id))
        .set((
            notes::provider_name.eq(&content.provider_name),
            notes::provider_address.eq(&content.provider_address),
            notes::representative.eq(&content.representative),
            notes::purpose.eq(&content.purpose),
            notes::data_items.eq(data_items),
            notes::obtained_how.eq(&content.obtained_how),
            notes::provided_how.eq(&content.provided_how),
            notes::request_method.eq(&content.request_method),
            notes::update_method.eq(&content.update_method),
            notes::start_on.eq(content.start_on),
            // An amendment corrects the filing under review: it stays that filing.
            notes::filing.eq(if filing == Filing::Amendment {
                row.filing.as_str()
            } else {
                filing.as_str()
            }),
            notes::filed_on.eq(filed_on),
            notes::change_effective_on.eq(change_effective_on),
            notes::version.eq(row.version + 1),
            notes::review_status.eq(ReviewStatus::after_amendment().as_str()),
            notes::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    find_row(tx.conn(), row.id)?.ok_or(AppError::NotFound(Missing::OptoutNotification))
}

fn refuse_if_withdrawn(row: &Row) -> Result<(), AppError> {
    match row.withdrawn_on {
        Some(withdrawn_on) => Err(AppError::Conflict(Refusal::NotificationWithdrawn {
            withdrawn_on,
        })),
        None => Ok(()),
    }
}

/// A filing that writes a new version of the content: an amendment or a change.
struct Refiling<'a> {
    kind: Filing,
    reason: Option<&'a str>,
    submitted_on: NaiveDate,
    /// A change's day of effect.
    effective_on: Option<NaiveDate>,
    /// The day whose law decides what the content must state: the filing's under review for an
    /// amendment (it corrects that filing), the change's own for a change.
    required_on: NaiveDate,
}

/// Writes `after` as the notification's next version, received for review: refused when it
/// leaves out an item the law of its day requires, or changes nothing; the version kept whole,
/// its changes audited field by field.
fn refile(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    row: &Row,
    after: &OptoutContent,
    refiling: Refiling<'_>,
    today: NaiveDate,
) -> Result<Filed, AppError> {
    let mut errors = FieldErrors::new();
    for (field, why) in missing_items(refiling.required_on, after.amended_items()) {
        errors.add(field, why);
    }
    errors.into_result()?;
    let changes = differences(&row.content()?, after);
    if changes.is_empty() {
        return Err(AppError::Conflict(Refusal::NothingAmended));
    }
    // An amendment corrects the filing under review: its day and its change's day stay.
    let (filed_on, change_effective_on) = match refiling.kind {
        Filing::Amendment => (row.filed_on, row.change_effective_on),
        _ => (refiling.submitted_on, refiling.effective_on),
    };
    let next = set_content(tx, row, after, refiling.kind, filed_on, change_effective_on)?;
    let changed: Vec<String> = changes.iter().map(|(field, _, _)| field.clone()).collect();
    write_version(
        tx,
        &next,
        Made {
            kind: refiling.kind,
            changed: &changed,
            reason: refiling.reason,
            submitted_on: refiling.submitted_on,
            effective_on: refiling.effective_on,
        },
        filer,
    )?;
    let audit: serde_json::Map<String, Value> = changes
        .into_iter()
        .map(|(field, from, to)| (field, json!({"from": from, "to": to})))
        .collect();
    let action = match refiling.kind {
        Filing::Amendment => Action::Amend,
        _ => Action::File,
    };
    tx.record(
        action,
        Entity::OptoutNotification,
        row.id,
        &json!({
            "filing": refiling.kind, "version": next.version, "effective_on": refiling.effective_on,
            "reason": refiling.reason, "changes": audit,
        }),
    )?;
    Ok(Filed {
        notification: next.view(today)?,
        filing: refiling.kind,
    })
}

/// Amends the filing under review (補正): the content as corrected, a new version.
pub fn amend(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    id: i64,
    amendment: OptoutAmendment,
    today: NaiveDate,
) -> Result<Filed, AppError> {
    let row = locked(tx, id)?;
    let mut errors = FieldErrors::new();
    let submitted_on =
        filer.submitted_on(amendment.submitted_on, "submitted_on", today, &mut errors);
    errors.into_result()?;
    refuse_if_withdrawn(&row)?;
    if row.status()? == ReviewStatus::Accepted {
        return Err(AppError::Conflict(Refusal::AmendAcceptedNotification));
    }
    let after = amendment.applied_to(&row.content()?);
    let reason = amendment.reason.trim().to_owned();
    let refiling = Refiling {
        kind: Filing::Amendment,
        reason: Some(&reason),
        submitted_on,
        effective_on: None,
        required_on: row.filed_on,
    };
    refile(tx, filer, &row, &after, refiling, today)
}

/// Files a change (変更届) of an accepted notification: a new version, reviewed again; the
/// register keeps showing the accepted content until the change is accepted.
pub fn change(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    id: i64,
    change: OptoutChange,
    today: NaiveDate,
) -> Result<Filed, AppError> {
    let row = locked(tx, id)?;
    let mut errors = FieldErrors::new();
    let submitted_on = filer.submitted_on(change.submitted_on, "submitted_on", today, &mut errors);
    errors.into_result()?;
    refuse_if_withdrawn(&row)?;
    if row.accepted_on.is_none() || row.status()? != ReviewStatus::Accepted {
        return Err(AppError::Conflict(Refusal::ChangeNeedsAcceptance));
    }
    let after = change.applied_to(&row.content()?);
    let reason = change.reason.as_deref().map(str::trim).map(str::to_owned);
    let refiling = Refiling {
        kind: Filing::Change,
        reason: reason.as_deref(),
        submitted_on,
        effective_on: Some(change.effective_on),
        required_on: submitted_on,
    };
    refile(tx, filer, &row, &after, refiling, today)
}

/// Files the withdrawal (廃止届): the notification leaves the register on `effective_on`.
pub fn withdraw(
    tx: &mut WriteTx<'_>,
    filer: Filer,
    id: i64,
    withdrawal: OptoutWithdrawal,
    today: NaiveDate,
) -> Result<Filed, AppError> {
    let row = locked(tx, id)?;
    let mut errors = FieldErrors::new();
    let submitted_on =
        filer.submitted_on(withdrawal.submitted_on, "submitted_on", today, &mut errors);
    for (field, why) in withdrawal_refusals(row.notified_on, withdrawal.effective_on) {
        errors.add(field, why);
    }
    errors.into_result()?;
    refuse_if_withdrawn(&row)?;
    let now = tx.now();
    diesel::update(notes::table.find(id))
        .set((
            notes::withdrawn_on.eq(withdrawal.effective_on),
            notes::withdrawal_submitted_on.eq(submitted_on),
            notes::updated_at.eq(now),
        ))
        .execute(tx.conn())?;
    tx.record(
        Action::Withdraw,
        Entity::OptoutNotification,
        id,
        &json!({"effective_on": withdrawal.effective_on, "submitted_on": submitted_on}),
    )?;
    let row = find_row(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::OptoutNotification))?;
    Ok(Filed {
        notification: row.view(today)?,
        filing: Filing::Withdrawal,
    })
}

/// What a review wrote, for its mail.
#[derive(Debug)]
pub struct Reviewed {
    pub review: OptoutReview,
    pub notification: Notification,
}

/// Staff's decision on the current version. An acceptance publishes it: the first one puts the
/// notification in the register from the day of the decision.
pub fn review(
    tx: &mut WriteTx<'_>,
    reviewer_user_id: Option<i64>,
    id: i64,
    new: NewOptoutReview,
    today: NaiveDate,
) -> Result<Reviewed, AppError> {
    let row = locked(tx, id)?;
    let comment = new.comment.as_deref().map(str::trim).map(str::to_owned);
    let mut errors = FieldErrors::new();
    for (field, why) in review_refusals(new.decision, comment.as_deref(), new.due_on, today) {
        errors.add(field, why);
    }
    let decided_on = match new.decided_on {
        Some(day) if day > today => {
            errors.add("decided_on", Refusal::InFuture);
            today
        }
        Some(day) if day < row.filed_on => {
            errors.add("decided_on", Refusal::BeforeDate { date: row.filed_on });
            day
        }
        Some(day) => day,
        None => today,
    };
    errors.into_result()?;
    refuse_if_withdrawn(&row)?;
    let status = row.status()?;
    if status != ReviewStatus::Received {
        return Err(AppError::Conflict(Refusal::NotAwaitingReview {
            status: crate::error::Term::new(status.as_str(), status.label_ja()),
        }));
    }
    let now = tx.now();
    let insert = diesel::insert_into(optout_reviews::table)
        .values((
            optout_reviews::notification_id.eq(id),
            optout_reviews::version.eq(row.version),
            optout_reviews::decision.eq(new.decision.as_str()),
            optout_reviews::comment.eq(&comment),
            optout_reviews::due_on.eq(new.due_on),
            optout_reviews::decided_on.eq(decided_on),
            optout_reviews::reviewer_user_id.eq(reviewer_user_id),
            optout_reviews::created_at.eq(now),
        ))
        .returning(<OptoutReview as Selectable<crate::db::MultiBackend>>::construct_selection());
    let review: OptoutReview = crate::db::natively!(tx.conn(), |c| insert.get_result(c))?;
    let after = new.decision.status();
    match new.decision {
        Decision::Accepted => {
            let published = OptoutPublished {
                content: row.content()?,
                changed_on: (row.filing()? == Filing::Change)
                    .then_some(row.change_effective_on)
                    .flatten(),
            };
            let published = serde_json::to_string(&published).map_err(AppError::internal)?;
            diesel::update(notes::table.find(id))
                .set((
                    notes::review_status.eq(after.as_str()),
                    notes::accepted_on.eq(row.accepted_on.unwrap_or(decided_on)),
                    notes::published.eq(published),
                    notes::published_version.eq(row.version),
                    notes::updated_at.eq(now),
                ))
                .execute(tx.conn())?;
        }
        Decision::RevisionRequested => {
            diesel::update(notes::table.find(id))
                .set((
                    notes::review_status.eq(after.as_str()),
                    notes::updated_at.eq(now),
                ))
                .execute(tx.conn())?;
        }
    }
    tx.record(
        Action::Review,
        Entity::OptoutNotification,
        id,
        &json!({
            "review_id": review.id,
            "version": review.version,
            "decision": review.decision,
            "comment": review.comment,
            "due_on": review.due_on,
            "decided_on": review.decided_on,
            "review_status": {"from": status, "to": after},
        }),
    )?;
    let row = find_row(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::OptoutNotification))?;
    Ok(Reviewed {
        review,
        notification: row.view(today)?,
    })
}

/// Every version of a notification, oldest first.
pub fn versions(conn: &mut DbConnection, id: i64) -> Result<Vec<OptoutVersion>, AppError> {
    type VersionRow = (
        i32,
        String,
        String,
        Option<String>,
        NaiveDate,
        Option<NaiveDate>,
        Option<i64>,
        NaiveDateTime,
        String,
    );
    let rows: Vec<VersionRow> = optout_versions::table
        .filter(optout_versions::notification_id.eq(id))
        .order(optout_versions::version.asc())
        .select((
            optout_versions::version,
            optout_versions::filing,
            optout_versions::changed,
            optout_versions::reason,
            optout_versions::submitted_on,
            optout_versions::effective_on,
            optout_versions::filed_by_user_id,
            optout_versions::created_at,
            optout_versions::content,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(version, filing, changed, reason, submitted_on, effective_on, filer, at, content)| {
                Ok(OptoutVersion {
                    version,
                    filing: Filing::parse(&filing)
                        .ok_or_else(|| AppError::internal(format!("filing {filing}")))?,
                    changed: serde_json::from_str(&changed).map_err(AppError::internal)?,
                    reason,
                    submitted_on,
                    effective_on,
                    filed_by_user_id: filer,
                    created_at: at,
                    content: serde_json::from_str(&content).map_err(AppError::internal)?,
                })
            },
        )
        .collect()
}

/// The reviews of a notification, oldest first.
pub fn reviews(conn: &mut DbConnection, id: i64) -> Result<Vec<OptoutReview>, AppError> {
    Ok(optout_reviews::table
        .filter(optout_reviews::notification_id.eq(id))
        .order(optout_reviews::id.asc())
        .select(OptoutReview::as_select())
        .load(conn)?)
}

/// A page of the notifications `viewer` may see, in id order.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &NotificationFilter,
    today: NaiveDate,
) -> Result<Page<Notification>, AppError> {
    let query = || {
        let mut query = notes::table.into_boxed();
        if !viewer.role.is_staff() {
            query = query.filter(notes::organization_id.nullable().eq(viewer.organization_id));
        }
        if let Some(organization) = filter.organization_id {
            query = query.filter(notes::organization_id.eq(organization));
        }
        if let Some(status) = filter.review_status {
            query = query.filter(notes::review_status.eq(status.as_str()));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(notes::id.asc()).select(Row::as_select())
    })?;
    let items = rows
        .rows
        .iter()
        .map(|row| row.view(today))
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Page::new(items, rows.request, rows.total))
}

/// The register as published on `day`: the notifications in force that day (the domain's
/// rule, applied to each accepted one), matching `q` when given, in order of acceptance.
pub fn public(
    conn: &mut DbConnection,
    filter: &PublicFilter,
    day: NaiveDate,
) -> Result<Page<PublicNotification>, AppError> {
    type Candidate = (i64, NaiveDate, Option<NaiveDate>, NaiveDate, Option<String>);
    let mut query = notes::table
        .filter(notes::accepted_on.is_not_null())
        .filter(notes::published.is_not_null())
        .into_boxed();
    if let Some(q) = &filter.q {
        for term in q.split_whitespace() {
            query = query.filter(
                lower(notes::published.assume_not_null())
                    .like(containing(term))
                    .escape('\\'),
            );
        }
    }
    let candidates: Vec<Candidate> = query
        .order((notes::accepted_on.asc(), notes::id.asc()))
        .select((
            notes::id,
            notes::notified_on,
            notes::withdrawn_on,
            notes::accepted_on.assume_not_null(),
            notes::published,
        ))
        .load(conn)?;
    let in_force: Vec<Candidate> = candidates
        .into_iter()
        .filter(|(_, _, withdrawn_on, accepted_on, _)| {
            notification_in_force(Some(*accepted_on), *withdrawn_on, day)
        })
        .collect();
    let request = PageRequest::new(filter.page, filter.per_page);
    let total = i64::try_from(in_force.len()).unwrap_or(i64::MAX);
    let offset = usize::try_from(request.offset()).unwrap_or(usize::MAX);
    let limit = usize::try_from(request.limit()).unwrap_or(usize::MAX);
    let items = in_force
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(|(id, notified_on, withdrawn_on, accepted_on, published)| {
            let published: OptoutPublished =
                serde_json::from_str(published.as_deref().unwrap_or("null"))
                    .map_err(AppError::internal)?;
            Ok(PublicNotification {
                reference: optout_reference(notified_on.year(), id),
                published,
                notified_on,
                accepted_on,
                withdrawn_on,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Page::new(items, request, Total::exact(total)))
}

/// The notifications in force on `day`, counted by the domain's rule.
pub fn count_in_force(conn: &mut DbConnection, day: NaiveDate) -> Result<i64, AppError> {
    let spans: Vec<(Option<NaiveDate>, Option<NaiveDate>)> = notes::table
        .filter(notes::accepted_on.le(day))
        .select((notes::accepted_on, notes::withdrawn_on))
        .load(conn)?;
    Ok(spans
        .into_iter()
        .filter(|(accepted_on, withdrawn_on)| {
            notification_in_force(*accepted_on, *withdrawn_on, day)
        })
        .count()
        .try_into()
        .unwrap_or(i64::MAX))
}

/// A notification's reference and its provider's name (for a campaign's mail).
pub fn reference_of(conn: &mut DbConnection, id: i64) -> Result<(String, String), AppError> {
    let (notified_on, name): (NaiveDate, String) = notes::table
        .find(id)
        .select((notes::notified_on, notes::provider_name))
        .first(conn)?;
    Ok((optout_reference(notified_on.year(), id), name))
}

/// The last notification's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(notes::table
        .select(diesel::dsl::max(notes::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether the register held the notification `reference` names (up to id `up_to`): its own
/// download, imported again.
pub fn held(conn: &mut DbConnection, reference: &str, up_to: i64) -> Result<bool, AppError> {
    let Some((year, id)) = crate::domain::reference::parse_optout_reference(reference) else {
        return Ok(false);
    };
    let notified_on: Option<NaiveDate> = notes::table
        .find(id)
        .filter(notes::id.le(up_to))
        .select(notes::notified_on)
        .first(conn)
        .optional()?;
    Ok(notified_on.is_some_and(|day| day.year() == year))
}
