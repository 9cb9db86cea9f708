//! Categories and consultations: queries and audited writes.

use crate::db::{Action, Entity};
use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde_json::json;

use super::{
    Category, CategoryFilter, CategoryName, Consultation, ConsultationChanges, ConsultationFilter,
    ConsultationView, DeskCategory, DeskClass, DeskView, NewCategory, NewConsultation,
};
use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::{
    cases, consultation_categories, consultation_category_links, consultations, organizations,
};
use crate::domain::hotline::{CategoryRefusal, Desk, category_validity, desk_on, desks_on};
use crate::error::{AppError, FieldErrors, Missing, Refusal, Term};
use crate::http::{Page, PageRequest};

pub fn categories(
    conn: &mut DbConnection,
    filter: &CategoryFilter,
) -> Result<Vec<Category>, AppError> {
    let mut query = consultation_categories::table.into_boxed();
    if let Some(desk) = filter.desk {
        query = query.filter(consultation_categories::desk.eq(desk.as_str()));
    }
    if let Some(day) = filter.on {
        query = query
            .filter(consultation_categories::valid_from.le(day))
            .filter(
                consultation_categories::valid_to
                    .is_null()
                    .or(consultation_categories::valid_to.ge(day)),
            );
    }
    let mut rows: Vec<Category> = query.select(Category::as_select()).load(conn)?;
    // Desks in their fixed order, each desk's structures oldest first, then each one's order.
    rows.sort_by_key(|c| {
        (
            Desk::ALL.iter().position(|d| *d == c.desk),
            c.valid_from,
            c.position,
            c.id,
        )
    });
    Ok(rows)
}

/// The desks as they stood on `day` (`domain::hotline::desks_on`), each with the categories valid
/// that day.
pub fn desks(conn: &mut DbConnection, day: NaiveDate) -> Result<Vec<DeskView>, AppError> {
    let valid = categories(
        conn,
        &CategoryFilter {
            desk: None,
            on: Some(day),
        },
    )?;
    Ok(desks_on(day)
        .into_iter()
        .map(|shape| DeskView {
            code: shape.desk,
            label_ja: shape.label_ja.to_owned(),
            classes: shape
                .classes
                .iter()
                .map(|(class, label)| DeskClass {
                    code: *class,
                    label_ja: (*label).to_owned(),
                })
                .collect(),
            categories: valid
                .iter()
                .filter(|c| c.desk == shape.desk)
                .map(|c| DeskCategory {
                    id: c.id,
                    code: c.code.clone(),
                    label_ja: c.label_ja.clone(),
                })
                .collect(),
        })
        .collect())
}

pub(super) fn add_category(
    tx: &mut WriteTx<'_>,
    new: NewCategory,
    today: NaiveDate,
) -> Result<Category, AppError> {
    let label = new.label_ja.trim().to_owned();
    let desk_term = Term::new(new.desk.as_str(), new.desk.label_ja());
    let validity = category_validity(new.desk, new.valid_from, new.valid_to, today).map_err(
        |(field, why)| {
            FieldErrors::single(
                field,
                match why {
                    CategoryRefusal::NoDesks | CategoryRefusal::DeskClosed(_) => {
                        Refusal::DeskClosed {
                            desk: desk_term.clone(),
                            day: match why {
                                CategoryRefusal::DeskClosed(day) => day,
                                _ => new.valid_from.unwrap_or(today),
                            },
                        }
                    }
                    CategoryRefusal::EndsBeforeStart | CategoryRefusal::CrossesStructures => {
                        Refusal::CategoryValidity
                    }
                },
            )
        },
    )?;
    // A code or a label names one category of a desk on any day.
    let same_desk: Vec<Category> = categories(
        tx.conn(),
        &CategoryFilter {
            desk: Some(new.desk),
            on: None,
        },
    )?;
    let overlaps = |c: &Category| {
        c.valid_from <= validity.to.unwrap_or(NaiveDate::MAX)
            && c.valid_to.is_none_or(|to| to >= validity.from)
    };
    if same_desk
        .iter()
        .any(|c| overlaps(c) && (c.code == new.code || c.label_ja == label))
    {
        return Err(AppError::Conflict(Refusal::CategoryExists {
            desk: Term::new(new.desk.as_str(), new.desk.label_ja()),
            category: new.code.clone(),
            label: label.to_string(),
        }));
    }
    let last = same_desk
        .iter()
        .filter(|c| c.valid_from == validity.from)
        .map(|c| c.position)
        .max();
    let id: i64 = diesel::insert_into(consultation_categories::table)
        .values((
            consultation_categories::desk.eq(new.desk.as_str()),
            consultation_categories::code.eq(&new.code),
            consultation_categories::label_ja.eq(&label),
            consultation_categories::position.eq(last.unwrap_or(0) + 1),
            consultation_categories::valid_from.eq(validity.from),
            consultation_categories::valid_to.eq(validity.to),
            consultation_categories::created_at.eq(tx.now()),
        ))
        .returning(consultation_categories::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Create,
        Entity::ConsultationCategory,
        id,
        &json!({"desk": new.desk, "code": new.code, "label_ja": label,
                "valid_from": validity.from, "valid_to": validity.to}),
    )?;
    Ok(consultation_categories::table
        .find(id)
        .select(Category::as_select())
        .first(tx.conn())?)
}

/// Checks the entity and case a consultation names; a case only for one referred to supervision.
fn check_links(
    conn: &mut DbConnection,
    organization_id: Option<i64>,
    case_id: Option<i64>,
    referred: bool,
    errors: &mut FieldErrors,
) -> Result<(), AppError> {
    // Whether the linked records exist, read from their tables: the hotline needs no more of
    // organizations or supervision than that.
    let organization_known = |conn: &mut DbConnection, id: i64| -> Result<bool, AppError> {
        let count: i64 = organizations::table.find(id).count().get_result(conn)?;
        Ok(count > 0)
    };
    let case_known = |conn: &mut DbConnection, id: i64| -> Result<bool, AppError> {
        let count: i64 = cases::table.find(id).count().get_result(conn)?;
        Ok(count > 0)
    };
    if let Some(id) = organization_id
        && !organization_known(conn, id)?
    {
        errors.add(
            "organization_id",
            Refusal::NoSuchRecord {
                record: Missing::Organization,
                id,
            },
        );
    }
    if let Some(id) = case_id {
        if !referred {
            errors.add("case_id", Refusal::ConsultationNotReferred);
        } else if !case_known(conn, id)? {
            errors.add(
                "case_id",
                Refusal::NoSuchRecord {
                    record: Missing::Case,
                    id,
                },
            );
        }
    }
    Ok(())
}

pub(super) fn create(
    tx: &mut WriteTx<'_>,
    new: NewConsultation,
    today: NaiveDate,
    imported_from: Option<(&str, usize)>,
) -> Result<ConsultationView, AppError> {
    let mut errors = FieldErrors::new();
    if new.received_on > today {
        errors.add("received_on", Refusal::InFuture);
    }
    // The desk, its class and its categories as they stood on the consultation's day (desks by
    // period, SPEC.md §7a).
    let desk_term = Term::new(new.desk.as_str(), new.desk.label_ja());
    let desk_categories = match desk_on(new.desk, new.received_on) {
        None => {
            errors.add(
                "desk",
                Refusal::DeskClosed {
                    desk: desk_term.clone(),
                    day: new.received_on,
                },
            );
            Vec::new()
        }
        Some(shape) => {
            if !shape.classes.iter().any(|(class, _)| *class == new.class) {
                errors.add(
                    "class",
                    Refusal::ClassNotAtDesk {
                        class: Term::new(new.class.as_str(), new.class.label_ja()),
                        desk: Term::new(new.desk.as_str(), shape.label_ja),
                    },
                );
            }
            categories(
                tx.conn(),
                &CategoryFilter {
                    desk: Some(new.desk),
                    on: Some(new.received_on),
                },
            )?
        }
    };
    // A category is named by its id, its code, or its Japanese label as seed 000 writes it.
    let by_name: HashMap<String, &Category> = desk_categories
        .iter()
        .flat_map(|c| {
            [
                (c.id.to_string(), c),
                (c.code.clone(), c),
                (c.label_ja.clone(), c),
            ]
        })
        .collect();
    let mut chosen: Vec<Category> = Vec::new();
    for name in &new.categories {
        let key = name.to_string();
        let found = match name {
            CategoryName::Id(id) => desk_categories.iter().find(|c| c.id == *id),
            CategoryName::Code(_) => by_name.get(key.as_str()).copied(),
        };
        match found {
            Some(category) if chosen.iter().any(|c| c.id == category.id) => {
                errors.add("categories", Refusal::CategoryTwice { category: key });
            }
            Some(category) => chosen.push(category.clone()),
            // A desk not open that day is refused above, its categories with it.
            None if desk_on(new.desk, new.received_on).is_none() => {}
            None => {
                let elsewhere = categories(
                    tx.conn(),
                    &CategoryFilter {
                        desk: Some(new.desk),
                        on: None,
                    },
                )?
                .into_iter()
                .any(|c| c.code == key || c.label_ja == key || c.id.to_string() == key);
                errors.add(
                    "categories",
                    if elsewhere {
                        Refusal::CategoryNotOn {
                            category: key,
                            desk: desk_term.clone(),
                            day: new.received_on,
                        }
                    } else {
                        Refusal::CategoryOfOtherDesk {
                            category: key,
                            desk: desk_term.clone(),
                        }
                    },
                );
            }
        }
    }
    if chosen.is_empty() && new.categories.is_empty() && new.class.needs_category() {
        errors.add(
            "categories",
            Refusal::CategoryNeeded {
                class: Term::new(new.class.as_str(), new.class.label_ja()),
            },
        );
    }
    check_links(
        tx.conn(),
        new.organization_id,
        new.case_id,
        new.referred_to_supervision,
        &mut errors,
    )?;
    errors.into_result()?;

    let now = tx.now();
    let text = |t: &Option<String>| t.as_deref().map(str::trim).map(str::to_owned);
    let id: i64 = diesel::insert_into(consultations::table)
        .values((
            consultations::desk.eq(new.desk.as_str()),
            consultations::class.eq(new.class.as_str()),
            consultations::received_on.eq(new.received_on),
            consultations::summary.eq(text(&new.summary)),
            consultations::advice.eq(text(&new.advice)),
            consultations::referred_to_supervision.eq(new.referred_to_supervision),
            consultations::organization_id.eq(new.organization_id),
            consultations::case_id.eq(new.case_id),
            consultations::created_at.eq(now),
            consultations::updated_at.eq(now),
        ))
        .returning(consultations::id)
        .get_result(tx.conn())?;
    crate::index::entries::consultation(tx.conn(), id)?;
    // One row each: the multi-backend connection has no batch insert (at most 20 rows here).
    for category in &chosen {
        diesel::insert_into(consultation_category_links::table)
            .values((
                consultation_category_links::consultation_id.eq(id),
                consultation_category_links::category_id.eq(category.id),
                consultation_category_links::received_on.eq(new.received_on),
                consultation_category_links::class.eq(new.class.as_str()),
            ))
            .execute(tx.conn())?;
    }
    let mut changes = json!({
        "desk": new.desk, "class": new.class, "received_on": new.received_on,
        "categories": chosen.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(),
        "referred_to_supervision": new.referred_to_supervision,
        "organization_id": new.organization_id, "case_id": new.case_id,
    });
    // A row of an imported file is audited as an import, naming the file and the row.
    let action = match imported_from {
        Some((file, row)) => {
            changes["imported_from"] = json!({ "file": file, "row": row });
            Action::Import
        }
        None => Action::Create,
    };
    tx.record(action, Entity::Consultation, id, &changes)?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Consultation))
}

pub(super) fn update(
    tx: &mut WriteTx<'_>,
    id: i64,
    changes: ConsultationChanges,
) -> Result<ConsultationView, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Consultation))?;
    let mut after = before.consultation.clone();
    if let Some(advice) = changes.advice {
        after.advice = advice.map(|a| a.trim().to_owned());
    }
    if let Some(referred) = changes.referred_to_supervision {
        after.referred_to_supervision = referred;
    }
    if let Some(case_id) = changes.case_id {
        after.case_id = case_id;
    }
    if let Some(organization_id) = changes.organization_id {
        after.organization_id = organization_id;
    }
    let mut errors = FieldErrors::new();
    check_links(
        tx.conn(),
        after.organization_id,
        after.case_id,
        after.referred_to_supervision,
        &mut errors,
    )?;
    errors.into_result()?;
    let diff = crate::db::diff(&before.consultation, &after, &["created_at", "updated_at"]);
    if diff.is_empty() {
        tx.nothing_changed();
        return Ok(before);
    }
    diesel::update(consultations::table.find(id))
        .set((
            consultations::advice.eq(&after.advice),
            consultations::referred_to_supervision.eq(after.referred_to_supervision),
            consultations::case_id.eq(after.case_id),
            consultations::organization_id.eq(after.organization_id),
            consultations::updated_at.eq(tx.now()),
        ))
        .execute(tx.conn())?;
    crate::index::entries::consultation(tx.conn(), id)?;
    tx.record(Action::Update, Entity::Consultation, id, &diff)?;
    find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Consultation))
}

/// The categories of each consultation named, in one query.
fn categories_of(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Category>>, AppError> {
    let rows: Vec<(i64, Category)> = consultation_category_links::table
        .inner_join(consultation_categories::table)
        .filter(consultation_category_links::consultation_id.eq_any(ids))
        .order((
            consultation_category_links::consultation_id,
            consultation_categories::position,
        ))
        .select((
            consultation_category_links::consultation_id,
            Category::as_select(),
        ))
        .load(conn)?;
    let mut map: HashMap<i64, Vec<Category>> = HashMap::new();
    for (id, category) in rows {
        map.entry(id).or_default().push(category);
    }
    Ok(map)
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<ConsultationView>, AppError> {
    let Some(consultation) = consultations::table
        .find(id)
        .select(Consultation::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let categories = categories_of(conn, &[id])?.remove(&id).unwrap_or_default();
    Ok(Some(ConsultationView {
        consultation,
        categories,
    }))
}

pub fn list(
    conn: &mut DbConnection,
    filter: &ConsultationFilter,
) -> Result<Page<ConsultationView>, AppError> {
    let query = || {
        let mut query = consultations::table.into_boxed();
        if let Some(desk) = filter.desk {
            query = query.filter(consultations::desk.eq(desk.as_str()));
        }
        if let Some(class) = filter.class {
            query = query.filter(consultations::class.eq(class.as_str()));
        }
        if let Some(code) = &filter.category {
            // A consultation links only its own desk's categories, so the desk filter above
            // already picks the right one of several desks' categories with this code.
            let categories = consultation_categories::table
                .filter(consultation_categories::code.eq(code.clone()))
                .select(consultation_categories::id);
            query = query.filter(
                consultations::id.eq_any(
                    consultation_category_links::table
                        .filter(consultation_category_links::category_id.eq_any(categories))
                        .select(consultation_category_links::consultation_id),
                ),
            );
        }
        if let Some(from) = filter.received_from {
            query = query.filter(consultations::received_on.ge(from));
        }
        if let Some(to) = filter.received_to {
            query = query.filter(consultations::received_on.le(to));
        }
        if let Some(referred) = filter.referred_to_supervision {
            query = query.filter(consultations::referred_to_supervision.eq(referred));
        }
        if let Some(id) = filter.organization_id {
            query = query.filter(consultations::organization_id.eq(id));
        }
        if let Some(id) = filter.case_id {
            query = query.filter(consultations::case_id.eq(id));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load_by_id(
        conn,
        query,
        |q| q.order(consultations::id.asc()).select(consultations::id),
        |conn, ids| {
            Ok(consultations::table
                .filter(consultations::id.eq_any(ids))
                .select(Consultation::as_select())
                .load(conn)?)
        },
        |consultation| consultation.id,
    )?;
    let ids: Vec<i64> = rows.rows.iter().map(|c: &Consultation| c.id).collect();
    let mut categories = categories_of(conn, &ids)?;
    Ok(rows.into_page(|consultation| ConsultationView {
        categories: categories.remove(&consultation.id).unwrap_or_default(),
        consultation,
    }))
}

/// The last consultation's id (0 for none): what an import holds before it writes.
pub(super) fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(consultations::table
        .select(diesel::dsl::max(consultations::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether consultation `id`, recorded up to `up_to`, is `new` as a download wrote it: the same
/// desk, class and day of receipt (a download of its own database, imported again).
pub(super) fn holds(
    conn: &mut DbConnection,
    id: i64,
    new: &NewConsultation,
    up_to: i64,
) -> Result<bool, AppError> {
    let found: i64 = consultations::table
        .filter(consultations::id.eq(id))
        .filter(consultations::id.le(up_to))
        .filter(consultations::desk.eq(new.desk.as_str()))
        .filter(consultations::class.eq(new.class.as_str()))
        .filter(consultations::received_on.eq(new.received_on))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}
