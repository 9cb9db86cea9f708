//! Review and amendment of reports (審査・補正; API.md "Review of reports"): staff read each
//! report and accept it (受理) or ask the entity for a correction (補正依頼); the entity amends,
//! and the amended report is received again and re-read by the law. The final report completes
//! and corrects the preliminary one (個人情報の保護に関する法律施行規則 第8条第1項・第2項).

use chrono::NaiveDate;

use super::report::Stage;
use super::text_enum;
use crate::error::Refusal;

text_enum! {
    /// Where the review of a report's current version stands.
    pub enum ReviewStatus {
        /// 受付: filed or amended, not yet reviewed.
        Received => "received",
        /// 受理
        Accepted => "accepted",
        /// 補正依頼: staff asked for a correction.
        RevisionRequested => "revision_requested",
    }
}

text_enum! {
    /// What staff decided of a report's current version.
    pub enum Decision {
        /// 受理
        Accepted => "accepted",
        /// 補正依頼
        RevisionRequested => "revision_requested",
    }
}

impl ReviewStatus {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Received => "受付",
            Self::Accepted => "受理",
            Self::RevisionRequested => "補正依頼あり",
        }
    }

    /// An amendment is received again, whatever the review said before.
    pub fn after_amendment() -> Self {
        Self::Received
    }
}

impl Decision {
    /// The status a decision leaves the report in.
    pub fn status(self) -> ReviewStatus {
        match self {
            Self::Accepted => ReviewStatus::Accepted,
            Self::RevisionRequested => ReviewStatus::RevisionRequested,
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Accepted => "受理",
            Self::RevisionRequested => "補正依頼",
        }
    }
}

/// A review's refusals: a revision request says what to correct; a due date belongs to a
/// revision request and lies ahead.
pub fn review_refusals(
    decision: Decision,
    comment: Option<&str>,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    let has_comment = comment.is_some_and(|c| !c.trim().is_empty());
    if decision == Decision::RevisionRequested && !has_comment {
        refusals.push(("comment", Refusal::RevisionNeedsComment));
    }
    match (decision, due_on) {
        (Decision::Accepted, Some(_)) => refusals.push(("due_on", Refusal::DueOnlyForRevision)),
        (Decision::RevisionRequested, Some(due)) if due < today => {
            refusals.push(("due_on", Refusal::BeforeDate { date: today }));
        }
        _ => {}
    }
    refusals
}

/// The fields an amendment cannot change: who reports, under which law, which stage and chain,
/// and when and how the Commission received it. Changing those is a new report, not a correction.
pub const NOT_AMENDABLE: [&str; 6] = [
    "organization_id",
    "regime",
    "stage",
    "preliminary_report_id",
    "received_on",
    "received_via",
];

/// Whether an amended report's facts decide its incident's classification and deadlines: the
/// final report does (it completes and corrects the preliminary one); the preliminary report
/// does while no final report has come.
pub fn governs_incident(stage: Stage, incident_has_final: bool) -> bool {
    match stage {
        Stage::Final => true,
        Stage::Preliminary => !incident_has_final,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_revision_request_says_what_to_correct() {
        let today = date("2026-11-30");
        let refused = review_refusals(Decision::RevisionRequested, Some("  "), None, today);
        assert_eq!(refused, vec![("comment", Refusal::RevisionNeedsComment)]);
        assert!(
            review_refusals(
                Decision::RevisionRequested,
                Some("項目を補ってください"),
                Some(today),
                today
            )
            .is_empty()
        );
        assert!(review_refusals(Decision::Accepted, None, None, today).is_empty());
    }

    #[test]
    fn a_due_date_belongs_to_a_revision_request_and_lies_ahead() {
        let today = date("2026-11-30");
        assert_eq!(
            review_refusals(Decision::Accepted, None, Some(today), today),
            vec![("due_on", Refusal::DueOnlyForRevision)]
        );
        assert_eq!(
            review_refusals(
                Decision::RevisionRequested,
                Some("x"),
                Some(date("2026-11-29")),
                today
            ),
            vec![("due_on", Refusal::BeforeDate { date: today })]
        );
    }

    #[test]
    fn decisions_and_amendments_set_the_status() {
        assert_eq!(Decision::Accepted.status(), ReviewStatus::Accepted);
        assert_eq!(
            Decision::RevisionRequested.status(),
            ReviewStatus::RevisionRequested
        );
        assert_eq!(ReviewStatus::after_amendment(), ReviewStatus::Received);
        assert_eq!(ReviewStatus::RevisionRequested.label_ja(), "補正依頼あり");
        assert_eq!(Decision::RevisionRequested.label_ja(), "補正依頼");
    }

    /// 施行規則 第8条: the final report completes the preliminary one, so once it has come, an
    /// amendment of the preliminary report no longer moves the incident.
    #[test]
    fn the_final_report_governs_its_incident() {
        assert!(governs_incident(Stage::Final, true));
        assert!(governs_incident(Stage::Preliminary, false));
        assert!(!governs_incident(Stage::Preliminary, true));
    }
}
