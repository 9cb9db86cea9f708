//! The half-year activity report, whole (seed 001; SPEC.md §7a; API.md "The half-year report"):
//! which days each of its figures counts, and the rules that count the figures no other rule
//! counts. Each section's own rule lives with its records (`registers`, `oversight`, `activity`,
//! `periodic`, `hotline`); this module says how the report asks them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::oversight::EventKind;
use super::periods::{Period, fiscal_year_of};
use super::reportability::Regime;

/// The day every figure of the report is counted to: the period's last day (「本年９月30日現在」).
pub fn as_of(period: Period) -> NaiveDate {
    period.bounds().1
}

/// The days the fiscal-year-to-date figures count: outreach, hearings, consultations under other
/// laws, certifications and revocations run from the fiscal year's 1 April to the period's last
/// day, for the second half too (seed 001: 「本年９月30日現在で計74回」).
pub fn year_to_date(period: Period) -> (NaiveDate, NaiveDate) {
    let to = as_of(period);
    (super::registers::counted_from(to), to)
}

/// The fiscal year whose measures the periodic reports received in the period describe: the one
/// before the period's (seed 001, FY2019-H1: 「平成30年度の安全管理措置の実施状況等について…2,204
/// 機関から報告」).
pub fn periodic_year(period: Period) -> i32 {
    fiscal_year_of(as_of(period)) - 1
}

/// The first day of the prefecture round the report's coverage counts from: the `coverage_since`
/// of the fiscal year's inspection plan (the latest adopted), else that year's 1 April (API.md
/// "Oversight": the policy's round is cumulative over years, 「本年度までに…一巡」).
pub fn coverage_since(period: Period, plan_since: Option<NaiveDate>) -> NaiveDate {
    plan_since.unwrap_or_else(|| year_to_date(period).0)
}

/// The `coverage_since` of the plan the report follows, among its fiscal year's plans (adopted
/// day, coverage_since): the latest adopted by the report's day — a plan adopted later was not
/// yet the Commission's — else, when none was adopted by then, the latest adopted (API.md
/// clarifications: "the inspection plan of its fiscal year (the latest adopted, if several)").
pub fn plan_since(plans: &[(NaiveDate, Option<NaiveDate>)], as_of: NaiveDate) -> Option<NaiveDate> {
    let latest = |plans: &mut dyn Iterator<Item = &(NaiveDate, Option<NaiveDate>)>| {
        plans.max_by_key(|(adopted_on, _)| *adopted_on).copied()
    };
    latest(&mut plans.iter().filter(|(adopted_on, _)| *adopted_on <= as_of))
        .or_else(|| latest(&mut plans.iter()))
        .and_then(|(_, since)| since)
}

/// The report whose figures a serious case shows: the incident's final report, else its latest
/// (reports as (id, persons affected, estimated), any order).
pub fn figures_of(
    final_report: Option<i64>,
    reports: &[(i64, i64, bool)],
) -> Option<(i64, i64, bool)> {
    final_report
        .and_then(|id| reports.iter().find(|(report, ..)| *report == id))
        .or_else(|| reports.iter().max_by_key(|(report, ..)| *report))
        .copied()
}

/// Lectures given: how many, and how many attended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Lectures {
    pub events: u64,
    /// Summed exactly; the document rounds them (約10,900名).
    pub participants: u64,
}

/// 特定個人情報安全管理措置セミナー: how many, for how many bodies, how many attended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Seminars {
    pub events: u64,
    pub bodies: u64,
    pub participants: u64,
}

/// The outreach of the fiscal year to date (seed 001 Ⅳ): lecturers sent under each Act, and the
/// safety-measures seminars.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Outreach {
    /// 講師派遣 under the Personal Information Protection Act (either sector).
    pub appi_lectures: Lectures,
    /// 講師派遣 under the My Number Act.
    pub my_number_lectures: Lectures,
    pub safety_seminars: Seminars,
}

/// Counts the outreach of events (kind, regime, bodies, participants) — those of the fiscal year
/// to date, which the caller selects. A lecture counts under its Act (both sectors of the
/// Personal Information Protection Act as one); seminars of another kind and other events are
/// not outreach the report counts.
pub fn count_outreach(
    events: impl IntoIterator<Item = (EventKind, Regime, Option<i32>, i32)>,
) -> Outreach {
    let n = |v: i32| u64::try_from(v).unwrap_or(0);
    let mut outreach = Outreach::default();
    for (kind, regime, bodies, participants) in events {
        let lectures = match (kind, regime) {
            (EventKind::Lecture, Regime::MyNumber) => &mut outreach.my_number_lectures,
            (EventKind::Lecture, _) => &mut outreach.appi_lectures,
            (EventKind::SafetySeminar, _) => {
                let seminars = &mut outreach.safety_seminars;
                seminars.events += 1;
                seminars.bodies += n(bodies.unwrap_or(0));
                seminars.participants += n(participants);
                continue;
            }
            _ => continue,
        };
        lectures.events += 1;
        lectures.participants += n(participants);
    }
    outreach
}

/// The registers as of the period's last day, revocations in the fiscal year to date (SPEC.md
/// §7a "As of the period's last day").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RegisterFigures {
    pub optout_notifications: u64,
    pub accredited_bodies: u64,
    pub accreditations_revoked: u64,
    pub anonymised_publishers: u64,
}

/// Hearings of the fiscal year to date: bodies and persons heard (「１団体及び13名」).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Hearings {
    pub bodies: u64,
    pub persons: u64,
}

/// The consultations under other laws answered and the certifications given, fiscal year to date
/// (「計画13件の協議を受け、回答した」「１件の認定を行った」).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OtherLaws {
    pub consultations: u64,
    pub certifications: u64,
}

/// A serious My Number case's persons affected, as its reports give them (seed 001 Ⅱ(2): 「約
/// 350,000人分（推計）」).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct SeriousCase {
    pub incident_id: i64,
    /// The report the figures are read from: the incident's final report, else its latest.
    pub report_id: i64,
    pub persons_affected: i64,
    /// The count is an estimate (推計).
    pub estimated: bool,
}

/// The serious cases in the order of their first receipt (then their incident's id): the
/// order seed 001 numbers them ①…⑤.
pub fn in_order_of_receipt(mut cases: Vec<(NaiveDate, SeriousCase)>) -> Vec<SeriousCase> {
    cases.sort_by_key(|(received_on, case)| (*received_on, case.incident_id));
    cases.into_iter().map(|(_, case)| case).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn year_to_date_figures_run_from_april_first_for_the_second_half_too() {
        let h1 = Period::parse("FY2019-H1").unwrap();
        assert_eq!(year_to_date(h1), (day("2019-04-01"), day("2019-09-30")));
        let h2 = Period::parse("FY2019-H2").unwrap();
        assert_eq!(year_to_date(h2), (day("2019-04-01"), day("2020-03-31")));
        assert_eq!(as_of(h2), day("2020-03-31"));
    }

    #[test]
    fn periodic_reports_describe_the_year_before() {
        // Seed 001: FY2019-H1 counts the reports on FY2018's measures.
        assert_eq!(periodic_year(Period::parse("FY2019-H1").unwrap()), 2018);
        assert_eq!(periodic_year(Period::parse("FY2019-H2").unwrap()), 2018);
    }

    #[test]
    fn coverage_counts_from_the_plans_round_or_the_years_start() {
        let h1 = Period::parse("FY2019-H1").unwrap();
        assert_eq!(
            coverage_since(h1, Some(day("2017-04-01"))),
            day("2017-04-01")
        );
        assert_eq!(coverage_since(h1, None), day("2019-04-01"));
    }

    #[test]
    fn the_report_follows_the_latest_plan_adopted_by_its_day() {
        let plans = [
            (day("2019-03-01"), Some(day("2019-04-01"))),
            (day("2019-03-29"), Some(day("2017-04-01"))),
            (day("2019-11-01"), Some(day("2018-04-01"))),
        ];
        assert_eq!(
            plan_since(&plans, day("2019-09-30")),
            Some(day("2017-04-01"))
        );
        assert_eq!(
            plan_since(&plans, day("2020-03-31")),
            Some(day("2018-04-01"))
        );
        assert_eq!(
            plan_since(&plans[2..], day("2019-09-30")),
            Some(day("2018-04-01")),
            "the year's only plan, adopted later"
        );
        assert_eq!(plan_since(&[], day("2019-09-30")), None);
    }

    #[test]
    fn a_serious_case_shows_its_final_reports_figures() {
        let reports = [(3, 30_000, true), (7, 33_500, false), (9, 34_000, false)];
        assert_eq!(figures_of(Some(7), &reports), Some((7, 33_500, false)));
        assert_eq!(figures_of(None, &reports), Some((9, 34_000, false)));
        assert_eq!(figures_of(None, &[]), None);
    }

    #[test]
    fn outreach_counts_lectures_by_act_and_seminars_with_their_bodies() {
        let outreach = count_outreach([
            (EventKind::Lecture, Regime::Appi, None, 150),
            (EventKind::Lecture, Regime::AppiPublic, None, 10),
            (EventKind::Lecture, Regime::MyNumber, None, 112),
            (EventKind::SafetySeminar, Regime::MyNumber, Some(12), 20),
            (EventKind::SafetySeminar, Regime::MyNumber, Some(11), 19),
            (EventKind::Seminar, Regime::Appi, None, 500),
            (EventKind::Other, Regime::MyNumber, None, 40),
        ]);
        assert_eq!(
            outreach.appi_lectures,
            Lectures {
                events: 2,
                participants: 160
            }
        );
        assert_eq!(outreach.my_number_lectures.events, 1);
        assert_eq!(
            outreach.safety_seminars,
            Seminars {
                events: 2,
                bodies: 23,
                participants: 39
            }
        );
    }

    #[test]
    fn serious_cases_are_numbered_in_order_of_first_receipt() {
        let case = |id, persons| SeriousCase {
            incident_id: id,
            report_id: id,
            persons_affected: persons,
            estimated: false,
        };
        let ordered = in_order_of_receipt(vec![
            (day("2019-08-01"), case(9, 480_900)),
            (day("2019-05-10"), case(3, 33_500)),
            (day("2019-05-10"), case(2, 485_500)),
        ]);
        assert_eq!(
            ordered.iter().map(|c| c.report_id).collect::<Vec<_>>(),
            [2, 3, 9]
        );
    }
}
