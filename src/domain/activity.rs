//! The Commission's other activities that the half-year report counts (seed 001): consultations
//! with ministries under other laws (他法令に基づく協議: 「13件」), certifications (認定: 「1件」),
//! opinions given (意見), hearings (ヒアリング: 「1機関及び13名」) and public comment rounds
//! (意見募集). They count from the fiscal year's 1 April to the period's last day, for the second
//! half too (「本年９月30日現在で計」, SPEC §7a), as `registers::counted_from` says.

use chrono::NaiveDate;

use super::text_enum;
use crate::error::Refusal;

text_enum! {
    /// What an activity was.
    pub enum ActivityKind {
        /// 他法令に基づく協議 (e.g. 生産性向上特別措置法).
        OtherLawConsultation => "other_law_consultation",
        /// 認定
        Certification => "certification",
        /// 意見
        Opinion => "opinion",
        /// ヒアリング: bodies and persons heard.
        Hearing => "hearing",
        /// 意見募集（パブリックコメント）
        PublicComment => "public_comment",
    }
}

impl ActivityKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::OtherLawConsultation => "他法令に基づく協議",
            Self::Certification => "認定",
            Self::Opinion => "意見",
            Self::Hearing => "ヒアリング",
            Self::PublicComment => "意見募集（パブリックコメント）",
        }
    }
}

/// An activity's refusals: done by today; a hearing says whom it heard (bodies, persons or both);
/// a consultation under another law names the law.
pub fn activity_refusals(
    kind: ActivityKind,
    on: NaiveDate,
    law: Option<&str>,
    bodies: Option<i32>,
    persons: Option<i32>,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    if on > today {
        refusals.push(("on", Refusal::InFuture));
    }
    if kind == ActivityKind::Hearing && bodies.is_none() && persons.is_none() {
        refusals.push(("persons", Refusal::HearingHeardWhom));
    }
    if kind == ActivityKind::OtherLawConsultation && law.is_none_or(|l| l.trim().is_empty()) {
        refusals.push(("law", Refusal::Required));
    }
    refusals
}

/// The activities of a half-year report (from its fiscal year's 1 April to `to`): per kind, how
/// many, and the bodies and persons heard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityCounts {
    pub other_law_consultations: u64,
    pub certifications: u64,
    pub opinions: u64,
    pub public_comments: u64,
    pub hearing_bodies: u64,
    pub hearing_persons: u64,
}

/// Counts activities (kind, bodies, persons) — those from the fiscal year's start to the day,
/// which the caller selects.
pub fn count_activities(
    activities: impl IntoIterator<Item = (ActivityKind, Option<i32>, Option<i32>)>,
) -> ActivityCounts {
    let mut counts = ActivityCounts::default();
    let n = |v: Option<i32>| u64::try_from(v.unwrap_or(0)).unwrap_or(0);
    for (kind, bodies, persons) in activities {
        match kind {
            ActivityKind::OtherLawConsultation => counts.other_law_consultations += 1,
            ActivityKind::Certification => counts.certifications += 1,
            ActivityKind::Opinion => counts.opinions += 1,
            ActivityKind::PublicComment => counts.public_comments += 1,
            ActivityKind::Hearing => {
                counts.hearing_bodies += n(bodies);
                counts.hearing_persons += n(persons);
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn seed_001s_other_activities_count_by_kind() {
        // 「他法令に基づく協議13件」「認定1件」「ヒアリング（1機関及び13名）」.
        let mut rows = vec![(ActivityKind::OtherLawConsultation, None, None); 13];
        rows.push((ActivityKind::Certification, None, None));
        rows.push((ActivityKind::Hearing, Some(1), None));
        rows.push((ActivityKind::Hearing, None, Some(13)));
        let counts = count_activities(rows);
        assert_eq!(counts.other_law_consultations, 13);
        assert_eq!(counts.certifications, 1);
        assert_eq!((counts.hearing_bodies, counts.hearing_persons), (1, 13));
    }

    #[test]
    fn a_hearing_names_whom_it_heard_and_a_consultation_its_law() {
        let today = day("2019-09-30");
        let refused = activity_refusals(ActivityKind::Hearing, today, None, None, None, today);
        assert_eq!(refused, vec![("persons", Refusal::HearingHeardWhom)]);
        let refused = activity_refusals(
            ActivityKind::OtherLawConsultation,
            day("2019-10-01"),
            None,
            None,
            None,
            today,
        );
        assert_eq!(
            refused,
            vec![("on", Refusal::InFuture), ("law", Refusal::Required)]
        );
        assert!(
            activity_refusals(ActivityKind::Opinion, today, None, None, None, today).is_empty()
        );
    }
}
