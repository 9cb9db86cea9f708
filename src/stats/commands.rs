//! The use cases of the statistics: a period's figures as served (published ones frozen, with
//! what changed since), and publishing a period in one audited transaction. The API and the pages
//! reach the figures only through here.

use serde::Serialize;
use serde_json::Value;

use super::publish::{self, Difference, Kind, Publication};
use super::{IndicatorsAnswer, indicators, store};
use crate::db::{Actor, Db};
use crate::domain::indicators::indicators as judge;
use crate::domain::periods::Period;
use crate::error::AppError;

/// A summary as served: once published, the published figures with what has changed since.
#[derive(Serialize)]
pub struct Served {
    #[serde(flatten)]
    pub figures: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differences: Option<Vec<Difference>>,
}

/// A period's figures as served: the published ones once published (unless `fresh`), with
/// what has changed since; otherwise computed now.
pub async fn served(db: &Db, kind: Kind, period: Period, fresh: bool) -> Result<Served, AppError> {
    db.read(move |conn| {
        let current = compute(conn, kind, period)?;
        let published = if fresh {
            None
        } else {
            publish::find(conn, kind, &period.id())?
        };
        Ok(match published {
            Some((figures, publication)) => Served {
                differences: Some(publish::differences(&figures, &current)),
                figures,
                publication: Some(publication),
            },
            None => Served {
                figures: current,
                publication: None,
                differences: None,
            },
        })
    })
    .await
}

fn compute(
    conn: &mut crate::db::DbConnection,
    kind: Kind,
    period: Period,
) -> Result<Value, AppError> {
    let value = match kind {
        Kind::Activity => serde_json::to_value(store::activity(conn, period)?),
        Kind::Consultations => serde_json::to_value(store::hotline(conn, period)?),
    };
    value.map_err(AppError::internal)
}

/// Publishes a period's figures of `kind`: they are frozen as they are now.
pub async fn publish(
    db: &Db,
    actor: Actor,
    kind: Kind,
    period: Period,
) -> Result<Served, AppError> {
    db.write(actor, move |tx| {
        let figures = compute(tx.conn(), kind, period)?;
        let publication = publish::publish(tx, kind, &period.id(), &figures)?;
        Ok(Served {
            figures,
            publication: Some(publication),
            differences: Some(Vec::new()),
        })
    })
    .await
}

/// A period's indicators on `today`, computed now (they are never published).
pub async fn indicators(
    db: &Db,
    period: Period,
    today: chrono::NaiveDate,
) -> Result<IndicatorsAnswer, AppError> {
    db.read(move |conn| {
        let facts = indicators::facts(conn, period)?;
        Ok(IndicatorsAnswer {
            period: period.into(),
            as_of: today,
            indicators: judge(&facts, today),
        })
    })
    .await
}
