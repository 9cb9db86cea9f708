//! The use cases of organizations, each one audited transaction: the API, the pages and the
//! CLI create and change organizations only through here.

use super::{NewOrganization, Organization, OrganizationChanges, import, store};
use crate::db::{Actor, Db};
use crate::error::{AppError, Refusal};
use crate::sheets::{File, ImportError, Imported, RowError};

/// Registers an organization.
pub async fn register(
    db: &Db,
    actor: Actor,
    new: NewOrganization,
) -> Result<Organization, AppError> {
    db.write(actor, move |tx| store::create(tx, new, None))
        .await
}

/// `leakdesk import organizations`: reads the file and registers every row, in one transaction
/// — all rows, or none with every refused row named; a dry run registers them all the same and
/// rolls everything back. Each organization's audit row is an `import`, naming the file
/// (`name`) and the row. Answers how many, and how the file was read.
pub fn import_organizations(
    db: &Db,
    actor: &Actor,
    file: &File<'_>,
    dry_run: bool,
) -> Result<Imported, ImportError> {
    let name = file.name;
    let (_, imported) = crate::sheets::import(
        db,
        actor,
        file,
        dry_run,
        import::column,
        |tx, header, row, cells| {
            let new = import::organization_of(header, cells)?;
            store::create(tx, new, Some((name, row))).map_err(|error| match error {
                // The one refusal of a field that the register, not the row, makes.
                AppError::Conflict(taken @ Refusal::CorporateNumberTaken { .. }) => {
                    RowError::Refused(vec![("corporate_number".to_owned(), taken)])
                }
                other => other.into(),
            })
        },
    )?;
    Ok(imported)
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
