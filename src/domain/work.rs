//! Who does what by when (API.md "Version 3", Work): which records are open, the day each one is
//! due next, when an overdue one escalates, the order of a work list, the mentions in a note and
//! the workload's median. The days of the law come from `deadlines` (施行規則第8条) and the
//! product's calendar (`calendar`: 行政機関の休日に関する法律第1条).

use chrono::{Duration, NaiveDate};

use super::calendar::is_closed;
use super::case::CaseStatus;
use super::hotline::MediationStatus;
use super::text_enum;

text_enum! {
    /// A record that can be assigned, noted and followed on a timeline. The wire's `kind` is
    /// singular; its paths are plural ([`RecordKind::path`]).
    pub enum RecordKind {
        /// 漏えい等事態: an incident with its reports.
        Incident => "incident",
        /// 事案
        Case => "case",
        /// 監督措置
        Action => "action",
        /// 相談
        Consultation => "consultation",
        /// あっせん
        Mediation => "mediation",
    }
}

impl RecordKind {
    /// The plural of its paths (`/api/v1/incidents/{id}/…`).
    pub fn path(self) -> &'static str {
        match self {
            Self::Incident => "incidents",
            Self::Case => "cases",
            Self::Action => "actions",
            Self::Consultation => "consultations",
            Self::Mediation => "mediations",
        }
    }

    /// The kind a path's plural names.
    pub fn of_path(plural: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.path() == plural)
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Incident => "漏えい等事態",
            Self::Case => "事案",
            Self::Action => "監督措置",
            Self::Consultation => "相談",
            Self::Mediation => "あっせん",
        }
    }
}

/// What decides whether an incident is open and when it is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IncidentFacts {
    /// The law requires its reports (法第26条第1項 / 番号法第29条の4).
    pub mandatory: bool,
    /// Its final report (確報) has been received.
    pub final_received: bool,
    /// Its final report has been accepted (受理).
    pub final_accepted: bool,
    /// Any of its reports has been reviewed.
    pub reviewed: bool,
    /// The final report's due day (施行規則第8条第2項: 30 or 60 days).
    pub final_due_on: NaiveDate,
    /// The due day of a revision staff asked for and the entity still owes (補正の期限), if any.
    pub revision_due_on: Option<NaiveDate>,
}

/// An incident is open until its final report is accepted; a voluntary one (no legal duty),
/// until a report of it is reviewed.
pub fn incident_open(facts: &IncidentFacts) -> bool {
    if facts.mandatory {
        !facts.final_accepted
    } else {
        !facts.reviewed
    }
}

/// The next day an open incident's entity owes something: the final report while it is owed
/// by law, else a requested revision's due day.
pub fn incident_due(facts: &IncidentFacts) -> Option<NaiveDate> {
    if facts.mandatory && !facts.final_received {
        Some(facts.final_due_on)
    } else {
        facts.revision_due_on
    }
}

/// A case is open until it is closed.
pub fn case_open(status: CaseStatus) -> bool {
    status != CaseStatus::Closed
}

/// An action is open until it ends.
pub fn action_open(ended_on: Option<NaiveDate>) -> bool {
    ended_on.is_none()
}

/// An action's due day while its answer is owed (a report collection's 報告期限).
pub fn action_due(due_on: Option<NaiveDate>, answered_on: Option<NaiveDate>) -> Option<NaiveDate> {
    if answered_on.is_some() { None } else { due_on }
}

/// A consultation stays open while the desk has passed it to supervision and no case has
/// taken it up; one the desk answered is closed when it is recorded.
pub fn consultation_open(referred_to_supervision: bool, case_id: Option<i64>) -> bool {
    referred_to_supervision && case_id.is_none()
}

/// A mediation is open while it is applied for or started.
pub fn mediation_open(status: MediationStatus) -> bool {
    matches!(status, MediationStatus::Applied | MediationStatus::Started)
}

/// Overdue on `today`: due before it.
pub fn overdue(due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    due_on.is_some_and(|due| due < today)
}

/// The default of `work.escalate_after_days`.
pub const ESCALATE_AFTER_DAYS: u32 = 3;

/// The day an item due on `due_on` escalates: the `after_days`-th day the Commission is open
/// after its due day (`after_days` working days overdue; 0: the day after the due day).
pub fn escalates_on(due_on: NaiveDate, after_days: u32) -> NaiveDate {
    let mut day = due_on + Duration::days(1);
    if after_days == 0 {
        return day;
    }
    let mut counted = 0;
    loop {
        if !is_closed(day) {
            counted += 1;
            if counted == after_days {
                return day;
            }
        }
        day += Duration::days(1);
    }
}

/// Whether an item due on `due_on` has escalated by `today`.
pub fn escalated(due_on: Option<NaiveDate>, today: NaiveDate, after_days: u32) -> bool {
    due_on.is_some_and(|due| today >= escalates_on(due, after_days))
}

/// The order of a work list: overdue first, then by due day (an item due before today is the
/// overdue one, so one order serves both), the undated last; then by kind and id.
pub fn order_key(
    due_on: Option<NaiveDate>,
    kind: RecordKind,
    id: i64,
) -> (bool, NaiveDate, usize, i64) {
    let position = RecordKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    (
        due_on.is_none(),
        due_on.unwrap_or(NaiveDate::MIN),
        position,
        id,
    )
}

/// The colleagues a note mentions: each `@` followed by an e-mail address (`@b.sato@ppc.go.jp`),
/// lower-cased, once each, in order. An address written without the leading `@` is the note's
/// text, not a mention.
pub fn mentions(body: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in body.split(|c: char| c.is_whitespace() || "、。，,;；()（）「」<>".contains(c))
    {
        let Some(address) = word.strip_prefix('@').or_else(|| word.strip_prefix('＠')) else {
            continue;
        };
        let address = address.trim_end_matches(['.', ':', '：']).to_lowercase();
        let Some((local, domain)) = address.split_once('@') else {
            continue;
        };
        if local.is_empty() || !domain.contains('.') || domain.contains('@') {
            continue;
        }
        if !found.contains(&address) {
            found.push(address);
        }
    }
    found
}

/// The median of days to close (the workload's), halves kept; none without items.
pub fn median_days(mut days: Vec<i64>) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let middle = days.len() / 2;
    Some(if days.len() % 2 == 1 {
        days[middle] as f64
    } else {
        (days[middle - 1] + days[middle]) as f64 / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn facts() -> IncidentFacts {
        IncidentFacts {
            mandatory: true,
            final_received: false,
            final_accepted: false,
            reviewed: false,
            final_due_on: day(2026, 12, 1),
            revision_due_on: None,
        }
    }

    #[test]
    fn a_mandatory_incident_is_open_until_its_final_report_is_accepted() {
        // API.md "Work": 「an incident without an accepted final report」.
        assert!(incident_open(&facts()));
        let received = IncidentFacts {
            final_received: true,
            reviewed: true,
            ..facts()
        };
        assert!(incident_open(&received));
        let accepted = IncidentFacts {
            final_accepted: true,
            ..received
        };
        assert!(!incident_open(&accepted));
    }

    #[test]
    fn a_voluntary_incident_is_open_until_reviewed() {
        let voluntary = IncidentFacts {
            mandatory: false,
            ..facts()
        };
        assert!(incident_open(&voluntary));
        assert!(!incident_open(&IncidentFacts {
            reviewed: true,
            ..voluntary
        }));
        // No legal deadline (施行規則第8条 binds reportable incidents only).
        assert_eq!(incident_due(&voluntary), None);
    }

    #[test]
    fn an_incident_is_due_its_final_report_then_a_requested_revision() {
        assert_eq!(incident_due(&facts()), Some(day(2026, 12, 1)));
        let revising = IncidentFacts {
            final_received: true,
            revision_due_on: Some(day(2026, 12, 20)),
            ..facts()
        };
        assert_eq!(incident_due(&revising), Some(day(2026, 12, 20)));
        assert_eq!(
            incident_due(&IncidentFacts {
                revision_due_on: None,
                ..revising
            }),
            None
        );
    }

    #[test]
    fn records_of_the_other_kinds_open_and_close() {
        assert!(case_open(CaseStatus::Investigating));
        assert!(!case_open(CaseStatus::Closed));
        assert!(action_open(None));
        assert!(!action_open(Some(day(2026, 1, 1))));
        assert_eq!(
            action_due(Some(day(2026, 1, 9)), None),
            Some(day(2026, 1, 9))
        );
        assert_eq!(
            action_due(Some(day(2026, 1, 9)), Some(day(2026, 1, 8))),
            None
        );
        assert!(consultation_open(true, None));
        assert!(!consultation_open(true, Some(3)));
        assert!(!consultation_open(false, None));
        assert!(mediation_open(MediationStatus::Started));
        assert!(!mediation_open(MediationStatus::Declined));
    }

    #[test]
    fn overdue_is_due_before_today() {
        assert!(!overdue(Some(day(2026, 12, 4)), day(2026, 12, 4)));
        assert!(overdue(Some(day(2026, 12, 4)), day(2026, 12, 5)));
        assert!(!overdue(None, day(2026, 12, 5)));
    }

    #[test]
    fn escalation_counts_the_commissions_open_days_after_the_due_day() {
        // Due Friday 2026-12-04: Monday 7th, Tuesday 8th, Wednesday 9th are the three open days.
        assert_eq!(escalates_on(day(2026, 12, 4), 3), day(2026, 12, 9));
        assert!(!escalated(Some(day(2026, 12, 4)), day(2026, 12, 8), 3));
        assert!(escalated(Some(day(2026, 12, 4)), day(2026, 12, 9), 3));
        // Across the year-end closure (12/29–1/3) and a weekend: due 2026-12-25 (Friday) → 28th,
        // then 4 and 5 January 2027.
        assert_eq!(escalates_on(day(2026, 12, 25), 3), day(2027, 1, 5));
        // Across a national holiday: due Friday 2027-01-08, Monday 11th is 成人の日.
        assert_eq!(escalates_on(day(2027, 1, 8), 1), day(2027, 1, 12));
        assert_eq!(escalates_on(day(2026, 12, 4), 0), day(2026, 12, 5));
    }

    #[test]
    fn a_work_list_runs_overdue_first_then_by_due_day_the_undated_last() {
        let mut items = [
            (None, RecordKind::Case, 1),
            (Some(day(2026, 12, 10)), RecordKind::Action, 2),
            (Some(day(2026, 11, 1)), RecordKind::Incident, 3),
            (Some(day(2026, 11, 1)), RecordKind::Incident, 1),
        ];
        items.sort_by_key(|(due, kind, id)| order_key(*due, *kind, *id));
        let ids: Vec<i64> = items.iter().map(|i| i.2).collect();
        assert_eq!(ids, [1, 3, 2, 1]);
        assert_eq!(items[3].1, RecordKind::Case);
    }

    #[test]
    fn a_mention_is_an_at_sign_before_an_address() {
        assert_eq!(
            mentions("@B.Sato@ppc.go.jp 確認願います。@c@ppc.go.jp、@b.sato@ppc.go.jp"),
            ["b.sato@ppc.go.jp", "c@ppc.go.jp"]
        );
        assert!(mentions("連絡先 info@example.co.jp まで").is_empty());
        assert!(mentions("@someone と @x@localhost").is_empty());
        assert_eq!(mentions("＠d@ppc.go.jp:"), ["d@ppc.go.jp"]);
    }

    #[test]
    fn the_median_of_days_to_close() {
        assert_eq!(median_days(vec![]), None);
        assert_eq!(median_days(vec![9, 1, 5]), Some(5.0));
        assert_eq!(median_days(vec![4, 1, 2, 10]), Some(3.0));
    }

    #[test]
    fn kinds_by_their_paths() {
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::of_path(kind.path()), Some(*kind));
        }
        assert_eq!(RecordKind::of_path("reports"), None);
    }
}
