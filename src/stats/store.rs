//! The statistics as SQL aggregates: a handful of GROUP BY queries per summary, each served by a
//! counting index (incidents (regime, first_received_on), actions (kind, regime, started_on),
//! consultations (received_on, desk, class), mediations (applied_on) / (started_on)); no rows are
//! loaded into memory.

use chrono::NaiveDate;
use diesel::dsl::{count, count_star};
use diesel::prelude::*;

use super::{
    ActivityReport, ActivitySummary, AppiActivity, AppiPublicActivity, ClassCounts, DeskSummary,
    DeskTable, DeskTableNote, DeskTableRow, DeskTableTotal, Desks, HotlineSummary, LeakCounts,
    MyNumberActivity, PeriodInfo, ReportMyNumber,
};
use crate::db::DbConnection;
use crate::db::schema::{
    actions, consultation_categories, consultation_category_links, consultations, incidents,
    mediations, organizations, reports,
};
use crate::domain::activity_report::{
    SeriousCase, as_of as report_as_of, figures_of, in_order_of_receipt, year_to_date,
};
use crate::domain::calendar::open_days;
use crate::domain::hotline::{ConsultationClass, Desk, desks_on, leading_categories, table_notes};
use crate::domain::organization::{EntityGroup, OrganizationKind};
use crate::domain::periods::{Period, daily_average, quarterly_equivalent};
use crate::domain::powers::{ActionKind, PerformedBy};
use crate::domain::report::ReceivedVia;
use crate::domain::reportability::Regime;
use crate::error::AppError;
use crate::records::half_year::HalfYearParts;

fn n(count: i64) -> u64 {
    u64::try_from(count).unwrap_or(0)
}

fn group_of(kind: &str) -> Option<EntityGroup> {
    OrganizationKind::parse(kind).map(OrganizationKind::group)
}

fn slot<T>(by_group: &mut super::ByGroup<T>, group: EntityGroup) -> &mut T {
    match group {
        EntityGroup::National => &mut by_group.national,
        EntityGroup::Local => &mut by_group.local,
        EntityGroup::Business => &mut by_group.business,
    }
}

pub fn activity(conn: &mut DbConnection, period: Period) -> Result<ActivitySummary, AppError> {
    let (from, to) = period.bounds();
    let mut appi = AppiActivity::default();
    let mut public = AppiPublicActivity::default();
    let mut my_number = MyNumberActivity::default();

    // Incidents count once, in the period of their first report, by how it reached us.
    let leaks: Vec<(String, String, i64)> = incidents::table
        .filter(incidents::first_received_on.between(from, to))
        .group_by((incidents::regime, incidents::received_via))
        .select((incidents::regime, incidents::received_via, count_star()))
        .load(conn)?;
    for (regime, via, count) in leaks {
        let direct = via == ReceivedVia::Direct.as_str();
        match (Regime::parse(&regime), direct) {
            (Some(Regime::Appi), true) => appi.leak_reports += n(count),
            (Some(Regime::Appi), false) => appi.delegated.leak_reports += n(count),
            (Some(Regime::AppiPublic), true) => public.leak_reports += n(count),
            // My Number reports are counted below, by entity group.
            _ => {}
        }
    }

    // My Number: incidents, distinct entities and serious situations by entity group.
    let my_number_leaks = || {
        incidents::table
            .inner_join(organizations::table)
            .filter(incidents::regime.eq(Regime::MyNumber.as_str()))
            .filter(incidents::received_via.eq(ReceivedVia::Direct.as_str()))
            .filter(incidents::first_received_on.between(from, to))
            .group_by(organizations::kind)
    };
    // One scan: incidents, distinct entities and serious situations per kind of organization.
    let by_kind: Vec<(String, i64, i64, i64)> = my_number_leaks()
        .select((
            organizations::kind,
            count_star(),
            count(incidents::organization_id).aggregate_distinct(),
            diesel::dsl::sql::<diesel::sql_types::BigInt>(
                "count(*) FILTER (WHERE incidents.serious)",
            ),
        ))
        .load(conn)?;
    let leaks = &mut my_number.leak_reports;
    for (kind, reports, entities, serious) in by_kind {
        if let Some(group) = group_of(&kind) {
            let counts: &mut LeakCounts = slot(&mut leaks.by_group, group);
            counts.reports += n(reports);
            // An organization has one kind, so entities of different kinds never overlap.
            counts.entities += n(entities);
            counts.serious += n(serious);
        }
    }
    for counts in [
        leaks.by_group.national,
        leaks.by_group.local,
        leaks.by_group.business,
    ] {
        leaks.total.reports += counts.reports;
        leaks.total.entities += counts.entities;
        leaks.total.serious += counts.serious;
    }

    // Actions count by their start date: an inspection continued from an earlier period started
    // then, so it is not counted again.
    let by_kind: Vec<(String, String, String, i64)> = actions::table
        .filter(actions::started_on.between(from, to))
        .group_by((actions::kind, actions::regime, actions::performed_by))
        .select((
            actions::kind,
            actions::regime,
            actions::performed_by,
            count_star(),
        ))
        .load(conn)?;
    for (kind, regime, performed_by, count) in by_kind {
        let count = n(count);
        let delegated = performed_by == PerformedBy::DelegatedMinister.as_str();
        let (Some(kind), Some(regime)) = (ActionKind::parse(&kind), Regime::parse(&regime)) else {
            continue;
        };
        use ActionKind as K;
        match regime {
            Regime::Appi if delegated => match kind {
                K::ReportCollection => appi.delegated.report_collections += count,
                K::OnsiteInspection => appi.delegated.onsite_inspections += count,
                _ => {}
            },
            Regime::Appi => {
                *match kind {
                    K::ReportCollection => &mut appi.report_collections,
                    K::OnsiteInspection => &mut appi.onsite_inspections,
                    K::Guidance => &mut appi.guidance,
                    K::Recommendation => &mut appi.recommendations,
                    K::Order => &mut appi.orders,
                    K::EmergencyOrder => &mut appi.emergency_orders,
                    K::Publication => &mut appi.publications,
                } += count
            }
            Regime::AppiPublic => match kind {
                K::ReportCollection => public.report_collections += count,
                K::OnsiteInspection => public.onsite_inspections += count,
                K::Guidance => public.guidance += count,
                K::Recommendation => public.recommendations += count,
                _ => {}
            },
            Regime::MyNumber => match kind {
                K::ReportCollection => my_number.report_collections += count,
                K::Guidance => my_number.guidance += count,
                K::Recommendation => my_number.recommendations += count,
                K::Order => my_number.orders += count,
                K::EmergencyOrder => my_number.emergency_orders += count,
                // Inspections are counted by entity group below.
                _ => {}
            },
        }
    }
    let inspections: Vec<(String, i64)> = actions::table
        .inner_join(organizations::table)
        .filter(actions::kind.eq(ActionKind::OnsiteInspection.as_str()))
        .filter(actions::regime.eq(Regime::MyNumber.as_str()))
        .filter(actions::started_on.between(from, to))
        .group_by(organizations::kind)
        .select((organizations::kind, count_star()))
        .load(conn)?;
    for (kind, count) in inspections {
        if let Some(group) = group_of(&kind) {
            *slot(&mut my_number.onsite_inspections.by_group, group) += n(count);
            my_number.onsite_inspections.total += n(count);
        }
    }

    // Mediations started, by the desk of the complaint they arose from.
    for (desk, _, count) in mediations_by_desk(conn, from, to)? {
        match desk.regime() {
            Regime::Appi => appi.mediations += count,
            Regime::AppiPublic => public.mediations += count,
            Regime::MyNumber => my_number.mediations += count,
        }
    }

    Ok(ActivitySummary {
        period: PeriodInfo::from(period),
        appi,
        appi_public: public,
        my_number,
    })
}

/// Mediations by the desk of the complaint they arose from: how many were applied for, and how
/// many started, from `from` to `to` — one scan for both counts.
fn mediations_by_desk(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Desk, u64, u64)>, AppError> {
    use diesel::dsl::sql;
    use diesel::sql_types::{BigInt, Date};
    let counted_if = |column: &str| {
        sql::<BigInt>(&format!(
            "count(*) FILTER (WHERE mediations.{column} BETWEEN "
        ))
        .bind::<Date, _>(from)
        .sql(" AND ")
        .bind::<Date, _>(to)
        .sql(")")
    };
    let rows: Vec<(String, i64, i64)> = mediations::table
        .inner_join(consultations::table)
        .filter(
            mediations::applied_on
                .between(from, to)
                .or(mediations::started_on.between(from, to)),
        )
        .group_by(consultations::desk)
        .select((
            consultations::desk,
            counted_if("applied_on"),
            counted_if("started_on"),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(desk, applied, started)| {
            Desk::parse(&desk).map(|desk| (desk, n(applied), n(started)))
        })
        .collect())
}

fn desk_slot(desks: &mut Desks, desk: Desk) -> &mut DeskSummary {
    match desk {
        Desk::Private => &mut desks.private,
        Desk::Public => &mut desks.public,
        Desk::MyNumber => &mut desks.my_number,
        Desk::Deidentified => &mut desks.deidentified,
    }
}

fn add_class(counts: &mut ClassCounts, class: ConsultationClass, count: u64) {
    counts.all += count;
    match class {
        ConsultationClass::Complaint => counts.complaint += count,
        ConsultationClass::Question => counts.question += count,
        ConsultationClass::Other => counts.other += count,
    }
}

/// Consultations received from `from` to `to` by desk and class.
fn consultations_by_desk_and_class(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(Desk, ConsultationClass, u64)>, AppError> {
    let rows: Vec<(String, String, i64)> = consultations::table
        .filter(consultations::received_on.between(from, to))
        .group_by((consultations::desk, consultations::class))
        .select((consultations::desk, consultations::class, count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .filter_map(|(desk, class, count)| {
            Some((
                Desk::parse(&desk)?,
                ConsultationClass::parse(&class)?,
                n(count),
            ))
        })
        .collect())
}

fn quarterly(counts: ClassCounts) -> ClassCounts {
    ClassCounts {
        all: quarterly_equivalent(counts.all),
        complaint: quarterly_equivalent(counts.complaint),
        question: quarterly_equivalent(counts.question),
        other: quarterly_equivalent(counts.other),
    }
}

pub fn hotline(conn: &mut DbConnection, period: Period) -> Result<HotlineSummary, AppError> {
    let (from, to) = period.bounds();
    let mut desks = Desks::default();

    // Every category of every desk valid in the period, so the table shows zeros too.
    for PeriodCategory { desk, code, .. } in categories_of(conn, period)? {
        if let Some(desk) = Desk::parse(&desk) {
            for class in [ConsultationClass::Complaint, ConsultationClass::Question] {
                desk_slot(&mut desks, desk)
                    .categories
                    .entry(class.as_str().to_owned())
                    .or_default()
                    .insert(code.clone(), 0);
            }
        }
    }

    let mut total = ClassCounts::default();
    for (desk, class, count) in consultations_by_desk_and_class(conn, from, to)? {
        add_class(&mut desk_slot(&mut desks, desk).counts, class, count);
        add_class(&mut total, class, count);
    }

    // A consultation counts once in each of its categories. Each link carries its consultation's
    // date and class (kept equal by a cascading foreign key, migration 10), so the count reads
    // the date-led index `consultation_category_links_counting` and no consultation.
    let by_category: Vec<(String, String, String, i64)> = consultation_category_links::table
        .inner_join(consultation_categories::table)
        .filter(consultation_category_links::received_on.between(from, to))
        .group_by((
            consultation_categories::desk,
            consultation_category_links::class,
            consultation_categories::code,
        ))
        .select((
            consultation_categories::desk,
            consultation_category_links::class,
            consultation_categories::code,
            count_star(),
        ))
        .load(conn)?;
    for (desk, class, code, count) in by_category {
        if let Some(desk) = Desk::parse(&desk) {
            *desk_slot(&mut desks, desk)
                .categories
                .entry(class)
                .or_default()
                .entry(code)
                .or_default() += n(count);
        }
    }

    let (previous_from, previous_to) = period.previous_fiscal_year().bounds();
    let mut previous_total = ClassCounts::default();
    let mut previous_desks = Desks::default();
    for (desk, class, count) in consultations_by_desk_and_class(conn, previous_from, previous_to)? {
        add_class(
            &mut desk_slot(&mut previous_desks, desk).counts,
            class,
            count,
        );
        add_class(&mut previous_total, class, count);
    }
    for desk in Desk::ALL {
        let previous = desk_slot(&mut previous_desks, *desk).counts;
        desk_slot(&mut desks, *desk).previous_fy_quarterly = quarterly(previous);
    }

    for (desk, applied, started) in mediations_by_desk(conn, from, to)? {
        let slot = desk_slot(&mut desks, desk);
        slot.mediation_applications += applied;
        slot.mediations_started += started;
    }

    let working_days = open_days(from, to);
    let average = |count| daily_average(count, working_days);
    Ok(HotlineSummary {
        period: PeriodInfo::from(period),
        working_days,
        daily_average: ClassCounts {
            all: average(total.all),
            complaint: average(total.complaint),
            question: average(total.question),
            other: average(total.other),
        },
        total,
        previous_fy_quarterly: quarterly(previous_total),
        desks,
    })
}

/// The hotline categories' Japanese labels by code, as the tables print them.
pub fn category_labels(
    conn: &mut DbConnection,
    period: Period,
) -> Result<std::collections::HashMap<String, String>, AppError> {
    // The categories of the period's days: a code two structures share is labelled as that
    // period's own structure labels it; a code two desks share, as the later desk (in the desks'
    // fixed order) labels it.
    Ok(categories_of(conn, period)?
        .into_iter()
        .map(|c| (c.code, c.label_ja))
        .collect())
}

/// A category valid on some day of a period.
struct PeriodCategory {
    id: i64,
    desk: String,
    code: String,
    label_ja: String,
}

/// The categories valid on some day of `period`, each desk's in its order (desks in their fixed
/// order, each structure of desks oldest first, then the category's position): what the tables
/// of the period list and label.
fn categories_of(conn: &mut DbConnection, period: Period) -> Result<Vec<PeriodCategory>, AppError> {
    let (from, to) = period.bounds();
    let mut rows: Vec<(i64, String, String, String, i32, NaiveDate)> =
        consultation_categories::table
            .filter(consultation_categories::valid_from.le(to))
            .filter(
                consultation_categories::valid_to
                    .is_null()
                    .or(consultation_categories::valid_to.ge(from)),
            )
            .select((
                consultation_categories::id,
                consultation_categories::desk,
                consultation_categories::code,
                consultation_categories::label_ja,
                consultation_categories::position,
                consultation_categories::valid_from,
            ))
            .load(conn)?;
    rows.sort_by_key(|(id, desk, _, _, position, valid_from)| {
        (
            Desk::ALL.iter().position(|d| d.as_str() == desk),
            *valid_from,
            *position,
            *id,
        )
    });
    Ok(rows
        .into_iter()
        .map(|(id, desk, code, label_ja, ..)| PeriodCategory {
            id,
            desk,
            code,
            label_ja,
        })
        .collect())
}

/// The desks' half-year tables (seed 001 参考１, 参考３, Ⅱ参考１): the desks as they stood on the
/// period's last day, each with its classes, its five leading categories of the half
/// (`domain::hotline::leading_categories`: a consultation counts under each of its categories),
/// the total row and the notes.
pub fn desk_tables(conn: &mut DbConnection, period: Period) -> Result<Vec<DeskTable>, AppError> {
    use std::collections::HashMap;
    let (from, to) = period.bounds();
    let mut by_class: HashMap<(Desk, ConsultationClass), u64> = HashMap::new();
    for (desk, class, count) in consultations_by_desk_and_class(conn, from, to)? {
        *by_class.entry((desk, class)).or_default() += count;
    }
    // The categories valid in the period, in each desk's order.
    let valid = categories_of(conn, period)?;
    let linked: Vec<(i64, String, i64)> = consultation_category_links::table
        .filter(consultation_category_links::received_on.between(from, to))
        .group_by((
            consultation_category_links::category_id,
            consultation_category_links::class,
        ))
        .select((
            consultation_category_links::category_id,
            consultation_category_links::class,
            count_star(),
        ))
        .load(conn)?;
    let mut by_category: HashMap<(i64, ConsultationClass), u64> = HashMap::new();
    for (category, class, count) in linked {
        if let Some(class) = ConsultationClass::parse(&class) {
            *by_category.entry((category, class)).or_default() += n(count);
        }
    }

    let mut tables = Vec::new();
    for shape in desks_on(to) {
        let categories: Vec<&PeriodCategory> = valid
            .iter()
            .filter(|c| c.desk == shape.desk.as_str())
            .collect();
        let counted =
            |id: i64, class: ConsultationClass| by_category.get(&(id, class)).copied().unwrap_or(0);
        let all_classes = ConsultationClass::ALL;
        let totals: Vec<u64> = categories
            .iter()
            .map(|c| all_classes.iter().map(|class| counted(c.id, *class)).sum())
            .collect();
        let leading: Vec<&PeriodCategory> = leading_categories(&totals)
            .into_iter()
            .map(|i| categories[i])
            .collect();
        let rows: Vec<DeskTableRow> = shape
            .classes
            .iter()
            .map(|(class, label)| DeskTableRow {
                class: (*label).to_owned(),
                code: *class,
                total: by_class.get(&(shape.desk, *class)).copied().unwrap_or(0),
                by_category: leading
                    .iter()
                    .map(|c| (c.label_ja.clone(), counted(c.id, *class)))
                    .collect(),
            })
            .collect();
        let total = DeskTableTotal {
            total: rows.iter().map(|row| row.total).sum(),
            by_category: leading
                .iter()
                .map(|c| {
                    (
                        c.label_ja.clone(),
                        all_classes.iter().map(|class| counted(c.id, *class)).sum(),
                    )
                })
                .collect(),
        };
        let class_label = |class: ConsultationClass| {
            shape
                .classes
                .iter()
                .find(|(c, _)| *c == class)
                .map(|(_, label)| (*label).to_owned())
        };
        tables.push(DeskTable {
            desk: shape.label_ja.to_owned(),
            code: shape.desk,
            rows,
            total,
            leading_categories: leading.iter().map(|c| c.label_ja.clone()).collect(),
            notes: table_notes(shape.desk)
                .into_iter()
                .filter_map(|(class, text)| {
                    Some(DeskTableNote {
                        class: class_label(class)?,
                        text: text.to_owned(),
                    })
                })
                .collect(),
        });
    }
    Ok(tables)
}

/// The serious My Number incidents first received in the period (directly), each with the persons
/// affected its final report (else its latest) gives, in order of first receipt.
pub fn serious_my_number(
    conn: &mut DbConnection,
    period: Period,
) -> Result<Vec<SeriousCase>, AppError> {
    let (from, to) = period.bounds();
    // The incidents the My Number table counts as serious (`activity` above).
    let serious: Vec<(i64, NaiveDate, Option<i64>)> = incidents::table
        .inner_join(organizations::table)
        .filter(incidents::regime.eq(Regime::MyNumber.as_str()))
        .filter(incidents::received_via.eq(ReceivedVia::Direct.as_str()))
        .filter(incidents::first_received_on.between(from, to))
        .filter(incidents::serious.eq(true))
        .select((
            incidents::id,
            incidents::first_received_on,
            incidents::final_report_id,
        ))
        .load(conn)?;
    let mut cases = Vec::new();
    for (incident, received_on, final_report) in serious {
        let reports: Vec<(i64, i64, bool)> = reports::table
            .filter(reports::incident_id.eq(incident))
            .select((
                reports::id,
                reports::persons_affected,
                reports::persons_estimated,
            ))
            .load(conn)?;
        if let Some((report_id, persons_affected, estimated)) = figures_of(final_report, &reports) {
            cases.push((
                received_on,
                SeriousCase {
                    incident_id: incident,
                    report_id,
                    persons_affected,
                    estimated,
                },
            ));
        }
    }
    Ok(in_order_of_receipt(cases))
}

/// The half-year activity report, whole: the statistics' own tables (supervision, the desks, the
/// serious cases) with the sections the other capabilities count (`records::half_year`).
pub fn activity_report(
    conn: &mut DbConnection,
    parts: &HalfYearParts,
    period: Period,
) -> Result<ActivityReport, AppError> {
    let gathered = parts.gather(conn, period)?;
    let info = PeriodInfo::from(period);
    Ok(ActivityReport {
        period: info.id,
        label_ja: info.label_ja,
        from: info.from,
        as_of: report_as_of(period),
        year_from: year_to_date(period).0,
        registers: gathered.registers,
        outreach: gathered.outreach,
        hearings: gathered.hearings,
        other_laws: gathered.other_laws,
        hotline: desk_tables(conn, period)?,
        supervision: activity(conn, period)?,
        my_number: ReportMyNumber {
            serious: serious_my_number(conn, period)?,
            inspections: gathered.inspections,
            coverage: gathered.coverage,
            periodic_reports: gathered.periodic_reports,
        },
    })
}
