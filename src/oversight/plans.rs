//! The yearly inspection plans (検査計画, seed 001: 「平成31年度検査計画に基づき…」): adopted on a
//! day, perhaps at a meeting, each listing the bodies or kinds of body to inspect by type and
//! quarter. An inspection names the plan it carries out; the plan shows each item planned and
//! done (`domain::oversight::plan_progress`).

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::db::schema::{actions, inspection_plan_items as items, inspection_plans as plans};
use crate::db::schema::{meetings, organizations};
use crate::db::{Action, DbConnection, Entity, WriteTx};
use crate::domain::organization::OrganizationKind;
use crate::domain::oversight::{
    DoneInspection, InspectionType, PlannedItem, plan_item_refusals, plan_progress,
};
use crate::domain::powers::ActionKind;
use crate::domain::reportability::Regime;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::{Page, PageRequest};

/// `POST /api/v1/inspection-plans` (staff).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlan {
    /// The fiscal year planned (年度: 2019 for 平成31年度).
    #[validate(range(min = 2014, max = 2200))]
    #[schema(minimum = 2014, maximum = 2200)]
    pub fiscal_year: i32,
    /// 名称 (平成31年度検査計画).
    #[validate(length(max = 200), custom(function = "crate::http::text_field"))]
    #[schema(format = "text", max_length = 200)]
    pub title: String,
    /// 決定日
    pub adopted_on: NaiveDate,
    /// The Commission meeting that adopted it (第244回 → 244), if one did.
    pub meeting_number: Option<i32>,
    /// The day the prefecture round the plan continues began (1 April of its year when absent).
    pub coverage_since: Option<NaiveDate>,
    /// The inspections planned, in order.
    #[validate(length(min = 1, max = 500), nested)]
    pub items: Vec<NewPlanItem>,
}

/// An inspection planned: a body (`organization_id`), a kind of body, or any body; a type and a
/// quarter.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlanItem {
    pub organization_id: Option<i64>,
    pub organization_kind: Option<OrganizationKind>,
    pub inspection_type: InspectionType,
    /// 1 (April–June) to 4 (January–March).
    #[validate(range(min = 1, max = 4))]
    #[schema(minimum = 1, maximum = 4)]
    pub quarter: i32,
}

/// A plan as stored.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Plan {
    pub id: i64,
    pub fiscal_year: i32,
    pub title: String,
    pub adopted_on: NaiveDate,
    pub meeting_number: Option<i32>,
    pub coverage_since: Option<NaiveDate>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// An inspection that carried out an item.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Done {
    pub action_id: i64,
    pub started_on: NaiveDate,
}

/// An item, planned and (perhaps) done.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanItem {
    pub id: i64,
    pub position: i32,
    pub organization_id: Option<i64>,
    pub organization_kind: Option<OrganizationKind>,
    pub inspection_type: InspectionType,
    pub quarter: i32,
    /// How many inspections carried it out: with the plan's id and the item's type (and body or
    /// kind of body), started within the plan's fiscal year.
    pub done: u64,
    /// Those inspections, by their start day.
    pub inspections: Vec<Done>,
}

/// A plan with its items planned and done.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    #[serde(flatten)]
    pub plan: Plan,
    pub items: Vec<PlanItem>,
    /// Items planned.
    pub planned: u64,
    /// Items carried out by at least one inspection.
    pub done: u64,
}

/// `GET /api/v1/inspection-plans` (staff).
#[derive(Debug, Default, Deserialize, IntoParams, Validate)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PlanFilter {
    /// Page number, from 1.
    #[validate(range(min = 1, max = 2_147_483_647))]
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Rows a page, 1 to 500 (default 50).
    #[validate(range(min = 1, max = 500))]
    #[param(minimum = 1, maximum = 500)]
    pub per_page: Option<u32>,
    pub fiscal_year: Option<i32>,
}

type PlanRow = (
    i64,
    i32,
    String,
    NaiveDate,
    Option<i32>,
    Option<NaiveDate>,
    NaiveDateTime,
);

/// A stored item: id, position, body, kind of body, type, quarter.
type ItemRow = (i64, i32, Option<i64>, Option<String>, String, i32);

fn plan_of(row: PlanRow) -> Plan {
    let (id, fiscal_year, title, adopted_on, meeting_number, coverage_since, created_at) = row;
    Plan {
        id,
        fiscal_year,
        title,
        adopted_on,
        meeting_number,
        coverage_since,
        created_at,
    }
}

/// Records a plan with its items, audited.
pub fn adopt(tx: &mut WriteTx<'_>, new: NewPlan, today: NaiveDate) -> Result<PlanView, AppError> {
    let mut errors = FieldErrors::new();
    if new.adopted_on > today {
        errors.add("adopted_on", Refusal::InFuture);
    }
    let meeting_id = match new.meeting_number {
        Some(number) => {
            let found: Option<i64> = meetings::table
                .filter(meetings::number.eq(number))
                .select(meetings::id)
                .first(tx.conn())
                .optional()?;
            if found.is_none() {
                errors.add(
                    "meeting_number",
                    Refusal::NoMeeting {
                        number: i64::from(number),
                    },
                );
            }
            found
        }
        None => None,
    };
    let ids: Vec<i64> = new.items.iter().filter_map(|i| i.organization_id).collect();
    let kinds: Vec<(i64, String)> = organizations::table
        .filter(organizations::id.eq_any(&ids))
        .select((organizations::id, organizations::kind))
        .load(tx.conn())?;
    for (n, item) in new.items.iter().enumerate() {
        let field = format!("items[{n}]");
        let body_kind = match item.organization_id {
            Some(id) => match kinds.iter().find(|(known, _)| *known == id) {
                Some((_, kind)) => OrganizationKind::parse(kind),
                None => {
                    errors.add(
                        format!("{field}.organization_id"),
                        Refusal::NoSuchRecord {
                            record: Missing::Organization,
                            id,
                        },
                    );
                    None
                }
            },
            None => None,
        };
        for why in plan_item_refusals(planned(item), body_kind) {
            errors.add(field.clone(), why);
        }
    }
    errors.into_result()?;
    let title = new.title.trim().to_owned();
    let taken: Option<i64> = plans::table
        .filter(plans::fiscal_year.eq(new.fiscal_year))
        .filter(plans::title.eq(&title))
        .select(plans::id)
        .first(tx.conn())
        .optional()?;
    if taken.is_some() {
        return Err(FieldErrors::single("title", Refusal::AlreadyExists));
    }
    let now = tx.now();
    let created_by = tx.actor().user_id;
    let id: i64 = diesel::insert_into(plans::table)
        .values((
            plans::fiscal_year.eq(new.fiscal_year),
            plans::title.eq(&title),
            plans::adopted_on.eq(new.adopted_on),
            plans::meeting_id.eq(meeting_id),
            plans::coverage_since.eq(new.coverage_since),
            plans::created_by_user_id.eq(created_by),
            plans::created_at.eq(now),
        ))
        .returning(plans::id)
        .get_result(tx.conn())?;
    for (n, item) in new.items.iter().enumerate() {
        diesel::insert_into(items::table)
            .values((
                items::plan_id.eq(id),
                items::position.eq(i32::try_from(n + 1).unwrap_or(i32::MAX)),
                items::organization_id.eq(item.organization_id),
                items::organization_kind.eq(item.organization_kind.map(OrganizationKind::as_str)),
                items::inspection_type.eq(item.inspection_type.as_str()),
                items::quarter.eq(item.quarter),
            ))
            .execute(tx.conn())?;
    }
    let view = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::InspectionPlan))?;
    tx.record(Action::Create, Entity::InspectionPlan, id, &view)?;
    Ok(view)
}

fn planned(item: &NewPlanItem) -> PlannedItem {
    PlannedItem {
        organization_id: item.organization_id,
        organization_kind: item.organization_kind,
        inspection_type: item.inspection_type,
    }
}

/// A plan with each item planned and done.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<PlanView>, AppError> {
    let row: Option<PlanRow> = plans::table
        .left_join(meetings::table)
        .filter(plans::id.eq(id))
        .select((
            plans::id,
            plans::fiscal_year,
            plans::title,
            plans::adopted_on,
            meetings::number.nullable(),
            plans::coverage_since,
            plans::created_at,
        ))
        .first(conn)
        .optional()?;
    let Some(row) = row else {
        return Ok(None);
    };
    let plan = plan_of(row);
    let stored: Vec<ItemRow> = items::table
        .filter(items::plan_id.eq(id))
        .order(items::position.asc())
        .select((
            items::id,
            items::position,
            items::organization_id,
            items::organization_kind,
            items::inspection_type,
            items::quarter,
        ))
        .load(conn)?;
    let inspections: Vec<(i64, i64, String, Option<String>, NaiveDate)> = actions::table
        .inner_join(organizations::table)
        .filter(actions::plan_id.eq(id))
        .filter(actions::kind.eq(ActionKind::OnsiteInspection.as_str()))
        .filter(actions::regime.eq(Regime::MyNumber.as_str()))
        .select((
            actions::id,
            actions::organization_id,
            organizations::kind,
            actions::inspection_type,
            actions::started_on,
        ))
        .load(conn)?;
    let done: Vec<DoneInspection> = inspections
        .into_iter()
        .filter_map(|(action_id, organization_id, kind, t, started_on)| {
            Some(DoneInspection {
                action_id,
                organization_id,
                organization_kind: OrganizationKind::parse(&kind)?,
                inspection_type: t.as_deref().and_then(InspectionType::parse),
                started_on,
            })
        })
        .collect();
    let mut items = Vec::with_capacity(stored.len());
    for (item_id, position, organization_id, kind, t, quarter) in stored {
        let inspection_type = InspectionType::parse(&t)
            .ok_or_else(|| AppError::internal(format!("plan item {item_id}: type {t}")))?;
        items.push(PlanItem {
            id: item_id,
            position,
            organization_id,
            organization_kind: kind.as_deref().and_then(OrganizationKind::parse),
            inspection_type,
            quarter,
            done: 0,
            inspections: Vec::new(),
        });
    }
    let wanted: Vec<PlannedItem> = items
        .iter()
        .map(|item| PlannedItem {
            organization_id: item.organization_id,
            organization_kind: item.organization_kind,
            inspection_type: item.inspection_type,
        })
        .collect();
    for (item, carried) in items
        .iter_mut()
        .zip(plan_progress(plan.fiscal_year, &wanted, &done))
    {
        item.done = carried.len() as u64;
        item.inspections = carried
            .into_iter()
            .map(|d| Done {
                action_id: d.action_id,
                started_on: d.started_on,
            })
            .collect();
    }
    let planned = items.len() as u64;
    let done = items.iter().filter(|item| item.done > 0).count() as u64;
    Ok(Some(PlanView {
        plan,
        items,
        planned,
        done,
    }))
}

/// A page of the plans, newest year first.
pub fn list(conn: &mut DbConnection, filter: &PlanFilter) -> Result<Page<Plan>, AppError> {
    let query = || {
        let mut query = plans::table.left_join(meetings::table).into_boxed();
        if let Some(year) = filter.fiscal_year {
            query = query.filter(plans::fiscal_year.eq(year));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order((plans::fiscal_year.desc(), plans::id.desc()))
            .select((
                plans::id,
                plans::fiscal_year,
                plans::title,
                plans::adopted_on,
                meetings::number.nullable(),
                plans::coverage_since,
                plans::created_at,
            ))
    })?;
    Ok(rows.into_page(plan_of))
}
