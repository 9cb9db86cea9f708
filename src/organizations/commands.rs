//! The use cases of organizations, each one audited transaction: the API, the pages and the
//! CLI create and change organizations only through here.

use super::{NewOrganization, Organization, OrganizationChanges, store};
use crate::db::{Actor, Db};
use crate::error::AppError;

/// Registers an organization.
pub async fn register(
    db: &Db,
    actor: Actor,
    new: NewOrganization,
) -> Result<Organization, AppError> {
    db.write(actor, move |tx| store::create(tx, new, None))
        .await
}

/// Changes an organization; audited field by field.
pub async fn update(
    db: &Db,
    actor: Actor,
    id: i64,
    changes: OrganizationChanges,
) -> Result<Organization, AppError> {
    db.write(actor, move |tx| store::update(tx, id, changes))
        .await
}
