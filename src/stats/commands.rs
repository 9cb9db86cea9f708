//! The use cases of the statistics: a period's figures as served (published ones frozen, with
//! what changed since), and publishing a period in one audited transaction. The API and the pages
//! reach the figures only through here.

use serde::Serialize;

use super::publish::Figures;
use super::publish::{self, Difference, Kind, Publication};
use super::{IndicatorsAnswer, derived, indicators, store};
use crate::db::{Actor, Db};
use crate::domain::indicators::indicators as judge;
use crate::domain::periods::Period;
use crate::error::AppError;

/// A summary as served: once published, the published figures with what has changed since.
#[derive(Serialize)]
pub struct Served {
    #[serde(flatten)]
    pub figures: Figures,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub differences: Option<Vec<Difference>>,
    /// 正誤表: corrections of the published figures, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errata: Vec<publish::Erratum>,
}

/// A period's figures as served: the published ones once published (unless `fresh`), with
/// what has changed since; otherwise computed now.
pub async fn served(db: &Db, kind: Kind, period: Period, fresh: bool) -> Result<Served, AppError> {
    let keeper = db.clone();
    db.read(move |conn| {
        // Counts of a period do not depend on the day: kept as of its last day.
        let name = format!("{} {}", kind.as_path(), period.id());
        let (as_of, sources) = (period.bounds().1, derived::SUMMARY_SOURCES);
        let current = match kind {
            Kind::Activity => Figures::Activity(derived::kept_or_computed(
                &keeper,
                conn,
                &name,
                as_of,
                sources,
                |conn| store::activity(conn, period),
            )?),
            Kind::Consultations => Figures::Consultations(derived::kept_or_computed(
                &keeper,
                conn,
                &name,
                as_of,
                sources,
                |conn| store::hotline(conn, period),
            )?),
            // The whole report reads many capabilities' tables: counted afresh each time.
            Kind::Report => compute(conn, kind, period)?,
        };
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
                errata: publish::errata(conn, kind, &period.id())?,
            },
            None => Served {
                figures: current,
                publication: None,
                differences: None,
                errata: Vec::new(),
            },
        })
    })
    .await
}

fn compute(
    conn: &mut crate::db::DbConnection,
    kind: Kind,
    period: Period,
) -> Result<Figures, AppError> {
    Ok(match kind {
        Kind::Activity => Figures::Activity(store::activity(conn, period)?),
        Kind::Consultations => Figures::Consultations(store::hotline(conn, period)?),
        Kind::Report => Figures::Report(Box::new(store::activity_report(
            conn,
            crate::records::half_year::installed()?,
            period,
        )?)),
    })
}

/// Corrects a published table by an erratum (正誤表); its frozen figures stay. Audited.
pub async fn correct(
    db: &Db,
    actor: Actor,
    kind: Kind,
    period: Period,
    correction: publish::Correction,
) -> Result<publish::Erratum, AppError> {
    db.write(actor, move |tx| {
        publish::correct(tx, kind, &period.id(), correction)
    })
    .await
}

/// The errata of a published table, oldest first (none while it is not published).
pub async fn errata(
    db: &Db,
    kind: Kind,
    period: Period,
) -> Result<Vec<publish::Erratum>, AppError> {
    db.read(move |conn| publish::errata(conn, kind, &period.id()))
        .await
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
            errata: Vec::new(),
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
    let keeper = db.clone();
    db.read(move |conn| {
        let indicators = derived::kept_or_computed(
            &keeper,
            conn,
            &format!("indicators {}", period.id()),
            today,
            derived::INDICATOR_SOURCES,
            |conn| Ok(judge(&indicators::facts(conn, period)?, today)),
        )?;
        Ok(IndicatorsAnswer {
            period: period.into(),
            as_of: today,
            indicators,
        })
    })
    .await
}

/// A period's figures as the public sees them: frozen at publication, never computed (the
/// public index lists periods without their figures).
pub struct Published<F = Figures> {
    pub kind: Kind,
    pub period: Period,
    pub figures: F,
    pub published_at: chrono::NaiveDateTime,
}

/// Every published summary, newest period first within each kind (the public index).
pub async fn publications(db: &Db) -> Result<Vec<Published<()>>, AppError> {
    db.read(|conn| {
        let mut out = Vec::new();
        for listed in publish::list(conn)? {
            let Ok(period) = Period::parse(&listed.period_id) else {
                continue;
            };
            out.push(Published {
                kind: listed.kind,
                period,
                figures: (),
                published_at: listed.published_at,
            });
        }
        out.sort_by_key(|p| (p.kind.as_path(), std::cmp::Reverse(p.period.bounds())));
        Ok(out)
    })
    .await
}

/// A published period's frozen figures, with those of up to `trend - 1` earlier published
/// periods of the same span (oldest first, the period last): what the public pages chart.
/// A period not published is not found: nothing computed from current data reaches the public.
pub async fn published(
    db: &Db,
    kind: Kind,
    period: Period,
    trend: usize,
) -> Result<Vec<Published>, AppError> {
    db.read(move |conn| {
        let (figures, publication) = publish::find(conn, kind, &period.id())?
            .ok_or(AppError::NotFound(crate::error::Missing::Statistics))?;
        let mut earlier: Vec<Period> = publish::list(conn)?
            .into_iter()
            .filter(|listed| listed.kind == kind)
            .filter_map(|listed| Period::parse(&listed.period_id).ok())
            .filter(|p| p.same_span(period) && p.bounds().1 < period.bounds().0)
            .collect();
        earlier.sort_by_key(|p| p.bounds());
        let skip = earlier.len().saturating_sub(trend.saturating_sub(1));
        let mut out = Vec::new();
        for p in earlier.into_iter().skip(skip) {
            if let Some((figures, publication)) = publish::find(conn, kind, &p.id())? {
                out.push(Published {
                    kind,
                    period: p,
                    figures,
                    published_at: publication.published_at,
                });
            }
        }
        out.push(Published {
            kind,
            period,
            figures,
            published_at: publication.published_at,
        });
        Ok(out)
    })
    .await
}
