//! Freezing what is published: a period's summary is stored as it was published and served
//! unchanged later, with the differences from a fresh computation when later corrections changed
//! the data.

use super::{ActivityReport, ActivitySummary, HotlineSummary};
use crate::db::{Action, Entity};
use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::db::DbConnection;
use crate::db::WriteTx;
use crate::db::schema::{published_statistics, statistics_errata};
use crate::error::{AppError, Refusal, Term};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Activity,
    Consultations,
    /// The half-year activity report, whole.
    Report,
}

impl Kind {
    fn label_ja(self) -> &'static str {
        match self {
            Self::Activity => "監督活動の集計",
            Self::Consultations => "相談窓口の集計",
            Self::Report => "半期の活動実績",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Self::Activity => "activity",
            Self::Consultations => "consultations",
            Self::Report => "activity_report",
        }
    }

    /// The kind's segment in the statistics pages' paths (`/stats/activity/…`).
    pub fn as_path(self) -> &'static str {
        match self {
            Self::Report => "activity-report",
            other => other.code(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Publication {
    #[serde(serialize_with = "crate::clock::instant")]
    pub published_at: NaiveDateTime,
    pub published_by_user_id: Option<i64>,
}

/// A figure that changed since publication.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Difference {
    /// Dotted path of the figure, e.g. `appi.leak_reports`.
    pub path: String,
    #[schema(value_type = Object)]
    pub published: Value,
    #[schema(value_type = Object)]
    pub current: Value,
}

/// A period's figures, typed by their kind: what the statistics compute, keep, publish and serve
/// (the API writes the summary's own fields).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Figures {
    Activity(ActivitySummary),
    Consultations(HotlineSummary),
    Report(Box<ActivityReport>),
}

impl Figures {
    pub fn kind(&self) -> Kind {
        match self {
            Self::Activity(_) => Kind::Activity,
            Self::Consultations(_) => Kind::Consultations,
            Self::Report(_) => Kind::Report,
        }
    }

    /// Figures of `kind` as stored (published, kept), read back as their type.
    pub fn read(kind: Kind, text: &str) -> Result<Self, serde_json::Error> {
        Ok(match kind {
            Kind::Activity => Self::Activity(serde_json::from_str(text)?),
            Kind::Consultations => Self::Consultations(serde_json::from_str(text)?),
            Kind::Report => Self::Report(serde_json::from_str(text)?),
        })
    }

    /// The supervision summary these figures are; a fault of ours when they are another kind.
    pub fn activity(self) -> Result<ActivitySummary, AppError> {
        match self {
            Self::Activity(summary) => Ok(summary),
            other => Err(AppError::internal(format!(
                "{:?} figures where the activity summary was asked for",
                other.kind()
            ))),
        }
    }

    /// The half-year report these figures are; a fault of ours when they are another kind.
    pub fn report(self) -> Result<ActivityReport, AppError> {
        match self {
            Self::Report(report) => Ok(*report),
            other => Err(AppError::internal(format!(
                "{:?} figures where the half-year report was asked for",
                other.kind()
            ))),
        }
    }

    /// The hotline summary these figures are; a fault of ours when they are another kind.
    pub fn hotline(self) -> Result<HotlineSummary, AppError> {
        match self {
            Self::Consultations(summary) => Ok(summary),
            other => Err(AppError::internal(format!(
                "{:?} figures where the hotline summary was asked for",
                other.kind()
            ))),
        }
    }
}

pub fn find(
    conn: &mut DbConnection,
    kind: Kind,
    period_id: &str,
) -> Result<Option<(Figures, Publication)>, AppError> {
    let row: Option<(String, NaiveDateTime, Option<i64>)> = published_statistics::table
        .filter(published_statistics::kind.eq(kind.code()))
        .filter(published_statistics::period_id.eq(period_id))
        .select((
            published_statistics::figures,
            published_statistics::published_at,
            published_statistics::published_by_user_id,
        ))
        .first(conn)
        .optional()?;
    row.map(|(figures, published_at, published_by_user_id)| {
        let figures = Figures::read(kind, &figures).map_err(AppError::internal)?;
        Ok((
            figures,
            Publication {
                published_at,
                published_by_user_id,
            },
        ))
    })
    .transpose()
}

/// A published summary as listed: which table, which period, when.
#[derive(Debug, Clone)]
pub struct Listed {
    pub kind: Kind,
    pub period_id: String,
    pub published_at: NaiveDateTime,
}

/// Every published summary (in no particular order).
pub fn list(conn: &mut DbConnection) -> Result<Vec<Listed>, AppError> {
    let rows: Vec<(String, String, NaiveDateTime)> = published_statistics::table
        .select((
            published_statistics::kind,
            published_statistics::period_id,
            published_statistics::published_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, period_id, published_at)| {
            let kind = match kind.as_str() {
                "activity" => Kind::Activity,
                "consultations" => Kind::Consultations,
                "activity_report" => Kind::Report,
                _ => return None,
            };
            Some(Listed {
                kind,
                period_id,
                published_at,
            })
        })
        .collect())
}

/// Stores the figures of a period as published; a period is published once (409 after).
pub fn publish(
    tx: &mut WriteTx<'_>,
    kind: Kind,
    period_id: &str,
    figures: &Figures,
) -> Result<Publication, AppError> {
    if find(tx.conn(), kind, period_id)?.is_some() {
        return Err(AppError::Conflict(Refusal::AlreadyPublished {
            table: Term::new(kind.code(), kind.label_ja()),
            period: period_id.to_owned(),
        }));
    }
    let publication = Publication {
        published_at: tx.now(),
        published_by_user_id: tx.actor().user_id,
    };
    let text = serde_json::to_string(figures).map_err(AppError::internal)?;
    let id: i64 = diesel::insert_into(published_statistics::table)
        .values((
            published_statistics::kind.eq(kind.code()),
            published_statistics::period_id.eq(period_id),
            published_statistics::figures.eq(text),
            published_statistics::published_at.eq(publication.published_at),
            published_statistics::published_by_user_id.eq(publication.published_by_user_id),
        ))
        .returning(published_statistics::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Publish,
        Entity::Statistics,
        id,
        &serde_json::json!({"kind": kind.code(), "period": period_id}),
    )?;
    Ok(publication)
}

/// A correction of a published table (正誤表): which figure, what was published, what it should
/// be, when and why. The frozen figures stay as published.
#[derive(Debug, Clone, Serialize, Queryable, Selectable, ToSchema)]
#[diesel(table_name = statistics_errata)]
#[schema(as = Erratum)]
pub struct Erratum {
    pub id: i64,
    #[serde(skip)]
    pub publication_id: i64,
    /// The figure corrected, as the table names it (e.g. `registers.optout_notifications`, or
    /// its heading).
    pub figure: String,
    /// 誤: as published.
    pub published_value: String,
    /// 正: as it should read.
    pub corrected_value: String,
    pub reason: String,
    pub corrected_on: chrono::NaiveDate,
    pub created_by_user_id: Option<i64>,
    #[serde(serialize_with = "crate::clock::instant")]
    pub created_at: NaiveDateTime,
}

/// The published row's id of `kind` and `period_id`, if published.
fn publication_id(
    conn: &mut DbConnection,
    kind: Kind,
    period_id: &str,
) -> Result<Option<i64>, AppError> {
    Ok(published_statistics::table
        .filter(published_statistics::kind.eq(kind.code()))
        .filter(published_statistics::period_id.eq(period_id))
        .select(published_statistics::id)
        .first(conn)
        .optional()?)
}

/// The errata of a published table, in the order they were made.
pub fn errata(
    conn: &mut DbConnection,
    kind: Kind,
    period_id: &str,
) -> Result<Vec<Erratum>, AppError> {
    let Some(id) = publication_id(conn, kind, period_id)? else {
        return Ok(Vec::new());
    };
    Ok(statistics_errata::table
        .filter(statistics_errata::publication_id.eq(id))
        .order(statistics_errata::id.asc())
        .select(Erratum::as_select())
        .load(conn)?)
}

/// What an erratum says.
pub struct Correction {
    pub figure: String,
    pub published_value: String,
    pub corrected_value: String,
    pub reason: String,
    pub corrected_on: chrono::NaiveDate,
}

/// Adds an erratum to a published table (409 when it is not published); audited.
pub fn correct(
    tx: &mut WriteTx<'_>,
    kind: Kind,
    period_id: &str,
    correction: Correction,
) -> Result<Erratum, AppError> {
    let Some(publication) = publication_id(tx.conn(), kind, period_id)? else {
        return Err(AppError::Conflict(Refusal::NotPublished {
            table: Term::new(kind.code(), kind.label_ja()),
            period: period_id.to_owned(),
        }));
    };
    let id: i64 = diesel::insert_into(statistics_errata::table)
        .values((
            statistics_errata::publication_id.eq(publication),
            statistics_errata::figure.eq(&correction.figure),
            statistics_errata::published_value.eq(&correction.published_value),
            statistics_errata::corrected_value.eq(&correction.corrected_value),
            statistics_errata::reason.eq(&correction.reason),
            statistics_errata::corrected_on.eq(correction.corrected_on),
            statistics_errata::created_by_user_id.eq(tx.actor().user_id),
            statistics_errata::created_at.eq(tx.now()),
        ))
        .returning(statistics_errata::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Create,
        Entity::Statistics,
        publication,
        &serde_json::json!({"erratum": id, "kind": kind.code(), "period": period_id,
            "figure": correction.figure, "from": correction.published_value,
            "to": correction.corrected_value, "reason": correction.reason,
            "corrected_on": correction.corrected_on}),
    )?;
    Ok(statistics_errata::table
        .find(id)
        .select(Erratum::as_select())
        .first(tx.conn())?)
}

/// Every leaf value of a JSON document with its dotted path (the period itself left out; a list's
/// items by their position, `hotline.2.total.total`).
pub fn leaves(value: &Value) -> Vec<(String, Value)> {
    fn walk(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if prefix.is_empty() && key == "period" {
                        continue;
                    }
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    walk(&path, inner, out);
                }
            }
            // The report's lists (its desks' tables, its serious cases) by position.
            Value::Array(items) if !items.is_empty() => {
                for (i, inner) in items.iter().enumerate() {
                    let path = if prefix.is_empty() {
                        i.to_string()
                    } else {
                        format!("{prefix}.{i}")
                    };
                    walk(&path, inner, out);
                }
            }
            leaf => out.push((prefix.to_owned(), leaf.clone())),
        }
    }
    let mut out = Vec::new();
    walk("", value, &mut out);
    out
}

/// The figures that differ between the published and a fresh computation.
pub fn differences(published: &Figures, current: &Figures) -> Vec<Difference> {
    // Compared figure by figure, as the API writes them.
    let as_json = |figures: &Figures| serde_json::to_value(figures).unwrap_or_default();
    leaf_differences(&as_json(published), &as_json(current))
}

/// The leaves of two JSON documents that differ, by their dotted paths.
fn leaf_differences(published: &Value, current: &Value) -> Vec<Difference> {
    let current: std::collections::BTreeMap<String, Value> = leaves(current).into_iter().collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut out: Vec<Difference> = leaves(published)
        .into_iter()
        .filter_map(|(path, value)| {
            seen.insert(path.clone());
            let now = current.get(&path).cloned().unwrap_or(Value::Null);
            (now != value).then_some(Difference {
                path,
                published: value,
                current: now,
            })
        })
        .collect();
    out.extend(
        current
            .into_iter()
            .filter(|(path, _)| !seen.contains(path))
            .map(|(path, now)| Difference {
                path,
                published: Value::Null,
                current: now,
            }),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_each_changed_figure() {
        let published =
            json!({"period": {"id": "FY2019-H1"}, "appi": {"leak_reports": 549, "guidance": 55}});
        let current = json!({"period": {"id": "FY2019-H1"}, "appi": {"leak_reports": 550, "guidance": 55}, "extra": 1});
        assert_eq!(
            leaf_differences(&published, &current),
            [
                Difference {
                    path: "appi.leak_reports".into(),
                    published: json!(549),
                    current: json!(550)
                },
                Difference {
                    path: "extra".into(),
                    published: Value::Null,
                    current: json!(1)
                },
            ]
        );
        assert!(leaf_differences(&published, &published).is_empty());
    }
}
