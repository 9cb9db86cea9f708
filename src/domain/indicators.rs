//! The indicators staff manage by, over the incidents first received in a period (API.md,
//! "Public statistics and indicators"): how many reports came on time, how long entities took,
//! what causes leaks and where. Each definition is one function here; the SQL only gathers each
//! incident's dates and facts ([`IncidentFacts`]).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::deadlines::{is_late, overdue_as_of};
use super::organization::EntityGroup;
use super::report::Cause;

/// One incident first received in the period, as the indicators read it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncidentFacts {
    pub preliminary_due_on: NaiveDate,
    pub final_due_on: NaiveDate,
    /// Whether the law required the report (the incident's decision, an override included).
    pub reportable: bool,
    /// Its preliminary report: awareness as that report gave it, and its receipt.
    pub preliminary: Option<Filed>,
    /// Its final report, likewise.
    pub final_report: Option<Filed>,
    pub group: EntityGroup,
    /// The reporting entity's prefecture, where the register has one.
    pub prefecture: Option<String>,
}

/// One report's cause and dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Filed {
    pub aware_on: NaiveDate,
    pub received_on: NaiveDate,
    pub cause: Cause,
}

/// A share: `count` of `of`, and the rate rounded half up to three decimals (none of nothing).
/// Read back (a kept figure) from its two counts, the rate computed again.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(from = "Counted")]
pub struct Share {
    pub count: u64,
    pub of: u64,
    pub rate: Option<f64>,
}

#[derive(Deserialize)]
struct Counted {
    count: u64,
    of: u64,
}

impl From<Counted> for Share {
    fn from(counted: Counted) -> Self {
        Self::new(counted.count, counted.of)
    }
}

impl Share {
    pub fn new(count: u64, of: u64) -> Self {
        Self {
            count,
            of,
            rate: rate(count, of),
        }
    }
}

/// `count / of` rounded half up to three decimals, in integers so that a half is exactly one;
/// none when `of` is 0.
pub fn rate(count: u64, of: u64) -> Option<f64> {
    if of == 0 {
        return None;
    }
    let thousandths = (2 * 1000 * u128::from(count) + u128::from(of)) / (2 * u128::from(of));
    Some(thousandths as f64 / 1000.0)
}

/// The middle and the 90th percentile of a number of days.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Spread {
    /// The middle value; the mean of the middle two for an even count.
    pub median: Option<f64>,
    /// Nearest rank: the ⌈0.9·n⌉-th smallest.
    pub p90: Option<i64>,
}

pub fn spread(values: &[i64]) -> Spread {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let n = sorted.len();
    if n == 0 {
        return Spread {
            median: None,
            p90: None,
        };
    }
    let median = if n % 2 == 1 {
        sorted[n / 2] as f64
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0
    };
    let rank = (9 * n).div_ceil(10);
    Spread {
        median: Some(median),
        p90: Some(sorted[rank - 1]),
    }
}

/// Days from awareness to receipt: the day of receipt minus the day of awareness.
pub fn days_to_report(filed: &Filed) -> i64 {
    (filed.received_on - filed.aware_on).num_days()
}

/// Of the incidents with a preliminary report, those whose preliminary report was received on
/// or before its benchmark day.
pub fn preliminary_on_time(incidents: &[IncidentFacts]) -> Share {
    let filed: Vec<(&Filed, NaiveDate)> = incidents
        .iter()
        .filter_map(|i| i.preliminary.as_ref().map(|p| (p, i.preliminary_due_on)))
        .collect();
    let on_time = filed
        .iter()
        .filter(|(report, due)| !is_late(report.received_on, *due))
        .count();
    Share::new(on_time as u64, filed.len() as u64)
}

/// Of the incidents with a final report or whose final report's due day has passed by `today`,
/// those whose final report was received on or before its due day.
pub fn final_on_time(incidents: &[IncidentFacts], today: NaiveDate) -> Share {
    let due: Vec<&IncidentFacts> = incidents
        .iter()
        .filter(|i| i.final_report.is_some() || i.final_due_on < today)
        .collect();
    let on_time = due
        .iter()
        .filter(|i| {
            i.final_report
                .is_some_and(|report| !is_late(report.received_on, i.final_due_on))
        })
        .count();
    Share::new(on_time as u64, due.len() as u64)
}

/// An incident's cause: its final report's where there is one (the fuller account), else its
/// preliminary report's.
pub fn cause_of(incident: &IncidentFacts) -> Option<Cause> {
    incident
        .final_report
        .or(incident.preliminary)
        .map(|report| report.cause)
}

/// The indicators of one period's incidents, on `today`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Indicators {
    pub incidents: u64,
    pub preliminary_on_time: Share,
    pub final_on_time: Share,
    pub days_to_preliminary: Spread,
    pub days_to_final: Spread,
    pub by_cause: BTreeMap<String, u64>,
    pub by_group: BTreeMap<String, u64>,
    /// By the reporting entity's prefecture (its name); entities without one are not counted.
    pub by_prefecture: BTreeMap<String, u64>,
    /// Those still awaiting a required final report past its due day ([`overdue_as_of`]).
    pub overdue_now: u64,
}

pub fn indicators(incidents: &[IncidentFacts], today: NaiveDate) -> Indicators {
    let days = |stage: fn(&IncidentFacts) -> Option<Filed>| -> Vec<i64> {
        incidents
            .iter()
            .filter_map(stage)
            .map(|report| days_to_report(&report))
            .collect()
    };
    let mut by_cause = BTreeMap::new();
    let mut by_group = BTreeMap::new();
    let mut by_prefecture = BTreeMap::new();
    for incident in incidents {
        if let Some(cause) = cause_of(incident) {
            *by_cause.entry(cause.as_str().to_owned()).or_insert(0) += 1;
        }
        *by_group
            .entry(incident.group.as_str().to_owned())
            .or_insert(0) += 1;
        if let Some(prefecture) = &incident.prefecture {
            *by_prefecture.entry(prefecture.clone()).or_insert(0) += 1;
        }
    }
    let overdue = overdue_as_of(today);
    Indicators {
        incidents: incidents.len() as u64,
        preliminary_on_time: preliminary_on_time(incidents),
        final_on_time: final_on_time(incidents, today),
        days_to_preliminary: spread(&days(|i| i.preliminary)),
        days_to_final: spread(&days(|i| i.final_report)),
        by_cause,
        by_group,
        by_prefecture,
        overdue_now: incidents
            .iter()
            .filter(|i| overdue.holds(i.final_report.is_some(), i.reportable, i.final_due_on))
            .count() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn filed(aware: &str, received: &str, cause: Cause) -> Filed {
        Filed {
            aware_on: day(aware),
            received_on: day(received),
            cause,
        }
    }

    /// Aware on 1 April 2025 (a Tuesday): the preliminary benchmark is 5 April (day 5), the
    /// final report is due on 30 April (day 30, an open day).
    fn incident(preliminary: Option<Filed>, final_report: Option<Filed>) -> IncidentFacts {
        IncidentFacts {
            preliminary_due_on: day("2025-04-05"),
            final_due_on: day("2025-04-30"),
            reportable: true,
            preliminary,
            final_report,
            group: EntityGroup::Business,
            prefecture: Some("東京都".into()),
        }
    }

    #[test]
    fn rates_round_half_up_to_three_decimals() {
        assert_eq!(rate(2, 3), Some(0.667));
        assert_eq!(rate(1, 3), Some(0.333));
        // 1/8 = 0.125 exactly; 1/2000 = 0.0005, a half: up.
        assert_eq!(rate(1, 8), Some(0.125));
        assert_eq!(rate(1, 2000), Some(0.001));
        assert_eq!(rate(0, 5), Some(0.0));
        assert_eq!(rate(5, 5), Some(1.0));
        assert_eq!(rate(0, 0), None);
    }

    #[test]
    fn median_averages_the_middle_two_and_p90_takes_the_nearest_rank() {
        // Odd: the middle one; ⌈0.9·5⌉ = 5th.
        assert_eq!(
            spread(&[9, 1, 4, 3, 7]),
            Spread {
                median: Some(4.0),
                p90: Some(9)
            }
        );
        // Even: (3 + 4) / 2; ⌈0.9·4⌉ = 4th.
        assert_eq!(
            spread(&[4, 1, 3, 10]),
            Spread {
                median: Some(3.5),
                p90: Some(10)
            }
        );
        // Ten values: ⌈9⌉ = the 9th smallest, not the largest.
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(spread(&ten).p90, Some(9));
        assert_eq!(spread(&ten).median, Some(5.5));
        // Eleven: ⌈9.9⌉ = 10th.
        let eleven: Vec<i64> = (1..=11).collect();
        assert_eq!(spread(&eleven).p90, Some(10));
        assert_eq!(
            spread(&[]),
            Spread {
                median: None,
                p90: None
            }
        );
    }

    #[test]
    fn a_preliminary_report_on_day_5_is_on_time_and_on_day_6_late() {
        let incidents = [
            // Day 5 (4 days after awareness): on time.
            incident(Some(filed("2025-04-01", "2025-04-05", Cause::Loss)), None),
            // Day 6: late.
            incident(Some(filed("2025-04-01", "2025-04-06", Cause::Loss)), None),
            // Day 1.
            incident(Some(filed("2025-04-01", "2025-04-01", Cause::Loss)), None),
            // A final report only: not counted for the preliminary stage.
            incident(None, Some(filed("2025-04-01", "2025-04-20", Cause::Loss))),
        ];
        assert_eq!(preliminary_on_time(&incidents), Share::new(2, 3));
        assert_eq!(preliminary_on_time(&incidents).rate, Some(0.667));
        let all = indicators(&incidents, day("2025-04-10"));
        // Days: 4, 5, 0 → median 4, p90 the ⌈2.7⌉ = 3rd: 5.
        assert_eq!(
            all.days_to_preliminary,
            Spread {
                median: Some(4.0),
                p90: Some(5)
            }
        );
        assert_eq!(
            all.days_to_final,
            Spread {
                median: Some(19.0),
                p90: Some(19)
            }
        );
    }

    #[test]
    fn a_final_report_counts_once_filed_or_once_its_due_day_has_passed() {
        let prelim = || Some(filed("2025-04-01", "2025-04-03", Cause::Theft));
        let incidents = [
            // Before its due day, on it, after it.
            incident(
                prelim(),
                Some(filed("2025-04-01", "2025-04-20", Cause::Theft)),
            ),
            incident(
                prelim(),
                Some(filed("2025-04-01", "2025-04-30", Cause::Theft)),
            ),
            incident(
                prelim(),
                Some(filed("2025-04-01", "2025-05-01", Cause::Theft)),
            ),
            // Never filed, due day passed: counts, not on time.
            incident(prelim(), None),
        ];
        // On its due day nothing unfiled is due yet ...
        assert_eq!(
            final_on_time(&incidents, day("2025-04-30")),
            Share::new(2, 3)
        );
        // ... the day after, the unfiled one is.
        let share = final_on_time(&incidents, day("2025-05-01"));
        assert_eq!(share, Share::new(2, 4));
        assert_eq!(share.rate, Some(0.5));
        let all = indicators(&incidents, day("2025-05-01"));
        assert_eq!(all.overdue_now, 1);
        assert_eq!(all.incidents, 4);
        // Days to final: 19, 29, 30 → median 29, p90 the 3rd: 30.
        assert_eq!(
            all.days_to_final,
            Spread {
                median: Some(29.0),
                p90: Some(30)
            }
        );
    }

    #[test]
    fn a_voluntary_report_is_never_overdue() {
        let mut voluntary = incident(Some(filed("2025-04-01", "2025-04-03", Cause::Loss)), None);
        voluntary.reportable = false;
        let all = indicators(&[voluntary], day("2025-06-01"));
        assert_eq!(all.overdue_now, 0);
        // It still had a final report's due day, which passed: the contract counts it.
        assert_eq!(all.final_on_time, Share::new(0, 1));
    }

    #[test]
    fn indicators_read_back_from_their_json_are_the_same_rates_included() {
        let incidents = [
            incident(Some(filed("2025-04-01", "2025-04-05", Cause::Loss)), None),
            incident(Some(filed("2025-04-01", "2025-04-06", Cause::Theft)), None),
            incident(
                Some(filed("2025-04-01", "2025-04-01", Cause::Loss)),
                Some(filed("2025-04-01", "2025-04-20", Cause::Loss)),
            ),
        ];
        let all = indicators(&incidents, day("2025-05-10"));
        assert_eq!(all.preliminary_on_time.rate, Some(0.667));
        let text = serde_json::to_string(&all).unwrap();
        let back: Indicators = serde_json::from_str(&text).unwrap();
        assert_eq!(back, all);
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
        // The rate is the counts' own, whatever the text says.
        let forged = text.replace("\"rate\":0.667", "\"rate\":0.9");
        let back: Indicators = serde_json::from_str(&forged).unwrap();
        assert_eq!(back.preliminary_on_time.rate, Some(0.667));
    }

    #[test]
    fn causes_groups_and_prefectures_are_counted_once_an_incident() {
        let mut local = incident(
            Some(filed("2025-04-01", "2025-04-02", Cause::Loss)),
            // The final report's cause stands for the incident.
            Some(filed("2025-04-01", "2025-04-20", Cause::WrongIssuance)),
        );
        local.group = EntityGroup::Local;
        local.prefecture = Some("愛知県".into());
        let mut unregistered = incident(Some(filed("2025-04-01", "2025-04-02", Cause::Loss)), None);
        unregistered.prefecture = None;
        let business = incident(
            Some(filed("2025-04-01", "2025-04-02", Cause::MisdeliveryEmail)),
            None,
        );
        let all = indicators(&[local, unregistered, business], day("2025-04-10"));
        let counts = |pairs: &[(&str, u64)]| -> BTreeMap<String, u64> {
            pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
        };
        assert_eq!(
            all.by_cause,
            counts(&[("loss", 1), ("misdelivery_email", 1), ("wrong_issuance", 1)])
        );
        assert_eq!(all.by_group, counts(&[("business", 2), ("local", 1)]));
        assert_eq!(all.by_prefecture, counts(&[("愛知県", 1), ("東京都", 1)]));
    }
}
