//! An organization as every capability reads it: the register's row, by id, by name for a page's
//! choices, and its contact for mail. The register itself (registering, editing, listing,
//! importing) is the `organizations` capability.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::db::schema::organizations;
use crate::domain::organization::OrganizationKind;
use crate::error::AppError;

#[derive(Debug, Clone, Queryable, Selectable, Serialize, ToSchema)]
#[diesel(table_name = organizations)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    #[diesel(deserialize_as = String)]
    pub kind: OrganizationKind,
    /// 法人番号, 13 digits.
    pub corporate_number: Option<String>,
    /// 都道府県, e.g. 東京都.
    pub prefecture: Option<String>,
    pub contact_email: Option<String>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::clock::instant")]
    pub updated_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<Organization>, AppError> {
    // Every filing reads its organization: on the backend's own connection (`natively!`).
    let query = organizations::table.find(id);
    Ok(crate::db::natively!(conn, |c| query
        .select(Organization::as_select())
        .first(c)
        .optional())?)
}

/// The names of organizations, by id: one query for the rows of a page.
pub fn names(
    conn: &mut DbConnection,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let rows: Vec<(i64, String)> = organizations::table
        .filter(organizations::id.eq_any(ids))
        .select((organizations::id, organizations::name))
        .load(conn)?;
    Ok(rows.into_iter().collect())
}

/// The names of the organizations that records (their API JSON) name, by the fields their
/// vocabulary says are organizations: for a full download.
pub fn names_in(
    conn: &mut DbConnection,
    vocabulary: &crate::sheets::vocabulary::Vocabulary,
    records: &[serde_json::Value],
) -> Result<std::collections::HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = records
        .iter()
        .flat_map(|record| vocabulary.organizations(record))
        .collect();
    names(conn, &ids)
}

/// An organization's name among `names`, or `ID n` when it has none there.
pub fn name_in(names: &std::collections::HashMap<i64, String>, id: i64) -> String {
    names
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("ID {id}"))
}

/// Organizations as (id, name) in name order: the choices of a form, at most `limit`.
pub fn choices(conn: &mut DbConnection, limit: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(organizations::table
        .order((organizations::name.asc(), organizations::id.asc()))
        .limit(limit)
        .select((organizations::id, organizations::name))
        .load(conn)?)
}

/// The most organizations a staff member's form offers to choose from.
pub const FORM_CHOICES: i64 = 2000;

/// The organizations a filing form offers: staff any (by name, up to [`FORM_CHOICES`]), a
/// reporter its own alone (refused when it has none).
pub fn offered(
    conn: &mut DbConnection,
    staff: bool,
    own: Option<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    if staff {
        choices(conn, FORM_CHOICES)
    } else {
        let id = own.ok_or(AppError::Forbidden(crate::error::Denial::NoOrganization))?;
        Ok(names(conn, &[id])?.into_iter().collect())
    }
}

/// An organization's name and contact address, for the mail about it.
pub fn contact(conn: &mut DbConnection, id: i64) -> Result<(String, Option<String>), AppError> {
    Ok(organizations::table
        .find(id)
        .select((organizations::name, organizations::contact_email))
        .first(conn)?)
}

/// An organization a file's cell names: by its number (id), or by its exact name when one
/// organization has it. None, with the refusal of `field` added to `refused`, when the cell names
/// none, or several.
pub fn named_in_cell(
    conn: &mut DbConnection,
    field: &str,
    cell: &str,
    refused: &mut Vec<(String, crate::error::Refusal)>,
) -> Result<Option<i64>, AppError> {
    use crate::error::Refusal;
    if let Ok(id) = cell.parse::<i64>() {
        return Ok(Some(id));
    }
    let ids: Vec<i64> = organizations::table
        .filter(organizations::name.eq(cell.trim()))
        .select(organizations::id)
        .limit(2)
        .load(conn)?;
    match ids.as_slice() {
        [id] => Ok(Some(*id)),
        [] => {
            refused.push((
                field.to_owned(),
                Refusal::NoOrganizationNamed {
                    name: cell.to_owned(),
                },
            ));
            Ok(None)
        }
        _ => {
            refused.push((
                field.to_owned(),
                Refusal::OrganizationNameShared {
                    name: cell.to_owned(),
                },
            ));
            Ok(None)
        }
    }
}
