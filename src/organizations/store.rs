//! Organization queries. Every write goes through [`WriteTx`] so it is audited.

use crate::db::{Action, Entity};
pub use crate::records::organizations::{choices, contact, find, names};
use diesel::prelude::*;

use super::{
    NewOrganization, Organization, OrganizationChanges, OrganizationFilter, OrganizationView,
};
use crate::auth::Principal;
use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::organizations;
use crate::error::{AppError, Missing, Refusal};
use crate::http::{Page, PageRequest};

use crate::db::text::{containing, lower};

fn ensure_corporate_number_free(
    conn: &mut DbConnection,
    number: &str,
    except: Option<i64>,
) -> Result<(), AppError> {
    let holder: Option<i64> = organizations::table
        .filter(organizations::corporate_number.eq(number))
        .select(organizations::id)
        .first(conn)
        .optional()?;
    match holder {
        Some(id) if Some(id) != except => Err(AppError::Conflict(Refusal::CorporateNumberTaken {
            organization: id,
            number: number.to_owned(),
        })),
        _ => Ok(()),
    }
}

pub(super) fn create(
    tx: &mut WriteTx<'_>,
    new: NewOrganization,
    imported_from: Option<(&str, usize)>,
) -> Result<Organization, AppError> {
    if let Some(number) = &new.corporate_number {
        ensure_corporate_number_free(tx.conn(), number, None)?;
    }
    let now = tx.now();
    let id: i64 = diesel::insert_into(organizations::table)
        .values((
            organizations::name.eq(new.name.trim()),
            organizations::kind.eq(new.kind.as_str()),
            organizations::corporate_number.eq(&new.corporate_number),
            organizations::prefecture.eq(&new.prefecture),
            organizations::contact_email.eq(new.contact_email.as_deref().map(str::trim)),
            organizations::created_at.eq(now),
            organizations::updated_at.eq(now),
        ))
        .returning(organizations::id)
        .get_result(tx.conn())?;
    let organization = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Organization))?;
    crate::index::entries::organization(tx.conn(), id)?;
    match imported_from {
        // A row of an imported file is audited as an import, naming the file and the row.
        Some((file, row)) => {
            let mut changes = serde_json::to_value(&organization)
                .map_err(|e| AppError::internal(format!("audit: {e}")))?;
            changes["imported_from"] = serde_json::json!({ "file": file, "row": row });
            tx.record(Action::Import, Entity::Organization, id, &changes)?;
        }
        None => tx.record(Action::Create, Entity::Organization, id, &organization)?,
    }
    Ok(organization)
}

pub(super) fn update(
    tx: &mut WriteTx<'_>,
    id: i64,
    changes: OrganizationChanges,
) -> Result<Organization, AppError> {
    let before = find(tx.conn(), id)?.ok_or(AppError::NotFound(Missing::Organization))?;
    if let Some(Some(number)) = &changes.corporate_number {
        ensure_corporate_number_free(tx.conn(), number, Some(id))?;
    }
    let mut after = before.clone();
    if let Some(name) = changes.name {
        after.name = name.trim().to_owned();
    }
    if let Some(kind) = changes.kind {
        after.kind = kind;
    }
    if let Some(number) = changes.corporate_number {
        after.corporate_number = number;
    }
    if let Some(prefecture) = changes.prefecture {
        after.prefecture = prefecture;
    }
    if let Some(email) = changes.contact_email {
        after.contact_email = email.map(|e| e.trim().to_owned());
    }
    let diff = crate::db::diff(&before, &after, &["created_at", "updated_at"]);
    if diff.is_empty() {
        // Nothing changed: answer the record as it is and write nothing, not even an audit row.
        tx.nothing_changed();
        return Ok(before);
    }
    after.updated_at = tx.now();
    diesel::update(organizations::table.find(id))
        .set((
            organizations::name.eq(&after.name),
            organizations::kind.eq(after.kind.as_str()),
            organizations::corporate_number.eq(&after.corporate_number),
            organizations::prefecture.eq(&after.prefecture),
            organizations::contact_email.eq(&after.contact_email),
            organizations::updated_at.eq(after.updated_at),
        ))
        .execute(tx.conn())?;
    crate::index::entries::organization(tx.conn(), id)?;
    tx.record(Action::Update, Entity::Organization, id, &diff)?;
    Ok(after)
}

/// A page of the organizations `viewer` may see, in id order.
pub fn list(
    conn: &mut DbConnection,
    viewer: &Principal,
    filter: &OrganizationFilter,
) -> Result<Page<OrganizationView>, AppError> {
    let query = || {
        let mut query = organizations::table.into_boxed();
        if !viewer.role.is_staff() {
            // A reporter's list holds its own organization and nothing else.
            query = query.filter(organizations::id.nullable().eq(viewer.organization_id));
        }
        if let Some(kind) = filter.kind {
            query = query.filter(organizations::kind.eq(kind.as_str()));
        }
        if let Some(name) = &filter.name {
            query = query.filter(
                lower(organizations::name)
                    .like(containing(name))
                    .escape('\\'),
            );
        }
        if let Some(number) = &filter.corporate_number {
            query = query.filter(organizations::corporate_number.eq(number.clone()));
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(organizations::id.asc())
            .select(Organization::as_select())
    })?;
    Ok(rows.into_page(OrganizationView::from))
}

/// The last organization's id (0 for none): what an import holds before it writes.
pub fn last_id(conn: &mut DbConnection) -> Result<i64, AppError> {
    Ok(organizations::table
        .select(diesel::dsl::max(organizations::id))
        .first::<Option<i64>>(conn)?
        .unwrap_or(0))
}

/// Whether the register held this organization already (up to id `up_to`): one with its
/// corporate number and its name, or, without a corporate number, one of its name, kind and
/// prefecture without one either.
pub fn registered(
    conn: &mut DbConnection,
    new: &NewOrganization,
    up_to: i64,
) -> Result<bool, AppError> {
    let mut query = organizations::table
        .filter(organizations::id.le(up_to))
        .filter(organizations::name.eq(&new.name))
        .into_boxed();
    query = match &new.corporate_number {
        Some(number) => query.filter(organizations::corporate_number.eq(number)),
        None => {
            let query = query
                .filter(organizations::corporate_number.is_null())
                .filter(organizations::kind.eq(new.kind.as_str()));
            match &new.prefecture {
                Some(prefecture) => query.filter(organizations::prefecture.eq(prefecture)),
                None => query.filter(organizations::prefecture.is_null()),
            }
        }
    };
    Ok(query
        .select(organizations::id)
        .first::<i64>(conn)
        .optional()?
        .is_some())
}
