//! Reporting deadlines (施行規則 第8条; 通則ガイドライン 3-5-3-3, 3-5-3-4; My Number 報告規則 第3条).
//!
//! The day the entity became aware counts as day 1. The final report is due on day 30 (day 60
//! where the unlawful-purpose ground applies), in calendar days; a last day on which the
//! Commission is closed (weekend, national holiday, 29 Dec – 3 Jan) moves to the next open day.
//! The preliminary report is due "promptly"; the guideline's benchmark is 3–5 days, and the product
//! calls it late after day 5 (awareness + 4), a benchmark with no moving of closed days.

use chrono::{Duration, NaiveDate};

use super::calendar::next_open_day;
use super::text_enum;

/// Day `n` counting the day of awareness as day 1.
fn day(aware_on: NaiveDate, n: i64) -> NaiveDate {
    aware_on + Duration::days(n - 1)
}

pub const PRELIMINARY_BENCHMARK_DAYS: i64 = 5;

pub fn preliminary_due_on(aware_on: NaiveDate) -> NaiveDate {
    day(aware_on, PRELIMINARY_BENCHMARK_DAYS)
}

pub fn final_due_on(aware_on: NaiveDate, extended: bool) -> NaiveDate {
    next_open_day(day(aware_on, if extended { 60 } else { 30 }))
}

/// Whether a report received on `received_on` was later than `due_on`.
pub fn is_late(received_on: NaiveDate, due_on: NaiveDate) -> bool {
    received_on > due_on
}

/// What a requested answer's due date calls for today — a revision of a report, an answer to a
/// report collection: a reminder within `reminder_days` of it, an overdue notice once it has
/// passed (for as long as the request stands unanswered).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueNotice {
    Reminder,
    Overdue,
}

/// How long after a due date has passed its overdue notice is still sent: a scan that finds an
/// older one (a service stopped for weeks) lets it be.
pub const OVERDUE_NOTICE_DAYS: i64 = 30;

/// The due dates a scan `today` sends notices for: from [`OVERDUE_NOTICE_DAYS`] ago (overdue
/// notices) to `reminder_days` ahead (reminders), both days included.
pub fn notice_window(today: NaiveDate, reminder_days: u32) -> (NaiveDate, NaiveDate) {
    (
        today - Duration::days(OVERDUE_NOTICE_DAYS),
        today + Duration::days(i64::from(reminder_days)),
    )
}

pub fn due_notice(due_on: NaiveDate, today: NaiveDate, reminder_days: u32) -> Option<DueNotice> {
    if due_on < today {
        Some(DueNotice::Overdue)
    } else if due_on <= today + Duration::days(i64::from(reminder_days)) {
        Some(DueNotice::Reminder)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn notices_go_from_thirty_days_overdue_to_the_reminder_days_ahead() {
        // SPEC §8: a reminder before a due date and a notice once it has passed; the window
        // bounds what a scan reads, `due_notice` what it sends.
        let today = date("2025-06-10");
        assert_eq!(
            notice_window(today, 7),
            (date("2025-05-11"), date("2025-06-17"))
        );
        for due in [date("2025-05-11"), date("2025-06-17")] {
            assert!(due_notice(due, today, 7).is_some(), "{due}");
        }
    }

    #[test]
    fn aware_3_december_2024_final_is_due_6_january_2025() {
        // SPEC §3: day 30 is 2025-01-01 (year-end closure to 01-03, then a weekend).
        assert_eq!(final_due_on(date("2024-12-03"), false), date("2025-01-06"));
    }

    #[test]
    fn unlawful_purpose_gives_60_days_moved_past_showa_day() {
        // Day 60 from 2024-03-01 is 2024-04-29, 昭和の日 → 2024-04-30.
        assert_eq!(final_due_on(date("2024-03-01"), true), date("2024-04-30"));
    }

    #[test]
    fn an_open_day_30_stays_where_it_is() {
        // 2025-04-01 + 29 = 2025-04-30 (Wednesday, open).
        assert_eq!(final_due_on(date("2025-04-01"), false), date("2025-04-30"));
        // Day 30 on a Saturday (2025-05-31) → Monday 2025-06-02.
        assert_eq!(final_due_on(date("2025-05-02"), false), date("2025-06-02"));
    }

    #[test]
    fn the_preliminary_benchmark_is_day_five() {
        assert_eq!(preliminary_due_on(date("2025-04-01")), date("2025-04-05"));
        assert!(!is_late(
            date("2025-04-05"),
            preliminary_due_on(date("2025-04-01"))
        ));
        assert!(is_late(
            date("2025-04-06"),
            preliminary_due_on(date("2025-04-01"))
        ));
    }
}

text_enum! {
    /// Where an incident stands.
    pub enum IncidentStatus {
        /// A preliminary report is in; the final report is still due.
        AwaitingFinal => "awaiting_final",
        /// The final report is in.
        Complete => "complete",
    }
}

impl IncidentStatus {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::AwaitingFinal => "確報の提出待ち",
            Self::Complete => "完了",
        }
    }

    /// An incident is complete once its final report is in.
    pub fn of(final_received: bool) -> Self {
        if final_received {
            Self::Complete
        } else {
            Self::AwaitingFinal
        }
    }
}

/// Where an incident stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    pub status: IncidentStatus,
    /// The due date of the report still owed (the final report); none once complete.
    pub next_deadline: Option<NaiveDate>,
    pub overdue: bool,
}

/// The next report an incident owes and whether it is late. Only an incident the law makes
/// reportable is late: a voluntary report has no legal deadline, though its dates are shown.
pub fn next_deadline(
    final_received: bool,
    reportable: bool,
    final_due_on: NaiveDate,
    today: NaiveDate,
) -> Progress {
    let status = IncidentStatus::of(final_received);
    match status {
        IncidentStatus::Complete => Progress {
            status,
            next_deadline: None,
            overdue: false,
        },
        IncidentStatus::AwaitingFinal => Progress {
            status,
            next_deadline: Some(final_due_on),
            overdue: reportable && today > final_due_on,
        },
    }
}

/// The incidents overdue on a day, as a condition on their stored values, for a query to apply:
/// the rule of [`next_deadline`] (still awaiting the final report, reportable, due before today).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OverdueCondition {
    pub final_received: bool,
    pub reportable: bool,
    /// Overdue when the final report was due before this day.
    pub due_before: NaiveDate,
}

pub fn overdue_as_of(today: NaiveDate) -> OverdueCondition {
    OverdueCondition {
        final_received: false,
        reportable: true,
        due_before: today,
    }
}

impl OverdueCondition {
    /// Whether an incident with these values meets the condition.
    pub fn holds(&self, final_received: bool, reportable: bool, final_due_on: NaiveDate) -> bool {
        final_received == self.final_received
            && reportable == self.reportable
            && final_due_on < self.due_before
    }
}

/// The day a report is due: a preliminary report by the benchmark, a final one by the law's
/// 30 or 60 days.
pub fn report_due_on(preliminary: bool, aware_on: NaiveDate, extended: bool) -> NaiveDate {
    if preliminary {
        preliminary_due_on(aware_on)
    } else {
        final_due_on(aware_on, extended)
    }
}

#[cfg(test)]
mod progress_tests {
    use super::*;

    #[test]
    fn the_overdue_condition_a_query_applies_is_the_rule_of_next_deadline() {
        let today: NaiveDate = "2025-05-01".parse().unwrap();
        let condition = overdue_as_of(today);
        for due in ["2025-04-30", "2025-05-01", "2025-05-02"] {
            let due: NaiveDate = due.parse().unwrap();
            for final_received in [false, true] {
                for reportable in [false, true] {
                    assert_eq!(
                        condition.holds(final_received, reportable, due),
                        next_deadline(final_received, reportable, due, today).overdue,
                        "{due} {final_received} {reportable}"
                    );
                }
            }
        }
    }

    #[test]
    fn only_a_reportable_incident_without_its_final_report_is_overdue() {
        let due: NaiveDate = "2025-04-30".parse().unwrap();
        let after: NaiveDate = "2025-05-01".parse().unwrap();
        assert_eq!(
            next_deadline(false, true, due, due),
            Progress {
                status: IncidentStatus::AwaitingFinal,
                next_deadline: Some(due),
                overdue: false
            }
        );
        assert_eq!(
            next_deadline(false, true, due, after),
            Progress {
                status: IncidentStatus::AwaitingFinal,
                next_deadline: Some(due),
                overdue: true
            }
        );
        assert_eq!(
            next_deadline(false, false, due, after),
            Progress {
                status: IncidentStatus::AwaitingFinal,
                next_deadline: Some(due),
                overdue: false
            }
        );
        assert_eq!(
            next_deadline(true, true, due, after),
            Progress {
                status: IncidentStatus::Complete,
                next_deadline: None,
                overdue: false
            }
        );
    }

    #[test]
    fn a_request_is_reminded_before_and_noticed_after_its_due_date() {
        let d = |text: &str| -> NaiveDate { text.parse().unwrap() };
        let due = d("2026-12-10");
        assert_eq!(due_notice(due, d("2026-12-01"), 3), None);
        assert_eq!(
            due_notice(due, d("2026-12-07"), 3),
            Some(DueNotice::Reminder)
        );
        assert_eq!(
            due_notice(due, d("2026-12-10"), 3),
            Some(DueNotice::Reminder)
        );
        assert_eq!(
            due_notice(due, d("2026-12-11"), 3),
            Some(DueNotice::Overdue)
        );
    }
}
