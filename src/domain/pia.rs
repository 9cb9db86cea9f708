//! Specific personal information protection assessments (特定個人情報保護評価, PIA): a body
//! assesses one task (事務) and its specific personal information files at one of three levels;
//! the Commission reviews the 評価書 and writes its remarks (審査記載事項); a full assessment of
//! 行政機関の長等 other than local ones is approved by the Commission (番号利用法第28条第2項; seed
//! 004, 議題２: 厚生労働省の全項目評価書, four files, approved at the 244th meeting); each is
//! published, and assessed again within five years of publication (特定個人情報保護評価に関する
//! 規則第14条).

use chrono::{Months, NaiveDate};

use super::organization::OrganizationKind;
use super::text_enum;
use crate::error::{Refusal, Term};

text_enum! {
    /// The level of an assessment (しきい値判断の結果).
    pub enum PiaLevel {
        /// 基礎項目評価
        Basic => "basic",
        /// 重点項目評価
        Focused => "focused",
        /// 全項目評価
        Full => "full",
    }
}

impl PiaLevel {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Basic => "基礎項目評価",
            Self::Focused => "重点項目評価",
            Self::Full => "全項目評価",
        }
    }
}

/// The refusals of an approval (承認): the Commission approves a full assessment (全項目評価書)
/// of 行政機関の長等 — the national organs and incorporated administrative agencies; a local
/// government's is examined by a third party instead (番号利用法第28条第2項).
pub fn approval_refusals(
    level: PiaLevel,
    body: OrganizationKind,
    submitted_on: NaiveDate,
    approved_on: NaiveDate,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    if level != PiaLevel::Full {
        refusals.push((
            "level",
            Refusal::ApprovalOfFullAssessment {
                level: Term::new(level.as_str(), level.label_ja()),
            },
        ));
    }
    if !matches!(
        body,
        OrganizationKind::NationalAgency | OrganizationKind::IncorporatedAgency
    ) {
        refusals.push((
            "organization_id",
            Refusal::ApprovalOfAdministrativeOrgans {
                kind: Term::new(body.as_str(), body.label_ja()),
            },
        ));
    }
    refusals.extend(day_refusals(
        "approved_on",
        approved_on,
        submitted_on,
        today,
    ));
    refusals
}

/// What a newly filed assessment does to the current ones of the same body and task: the one
/// submitted last is current. The new one supersedes those submitted on or before its day; an
/// assessment entered late (history, filed after a newer one) is itself superseded by the latest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Supersession {
    /// The new assessment is current; these (ids) are superseded by it.
    Supersedes(Vec<i64>),
    /// A current one submitted later (its id) supersedes the new assessment.
    SupersededBy(i64),
}

/// The supersession of an assessment submitted on `submitted_on`, given the current ones of its
/// body and task (id and submission day, in filing order).
pub fn supersession(submitted_on: NaiveDate, current: &[(i64, NaiveDate)]) -> Supersession {
    let latest = current
        .iter()
        .filter(|(_, day)| *day > submitted_on)
        .max_by_key(|(id, day)| (*day, *id));
    match latest {
        Some((id, _)) => Supersession::SupersededBy(*id),
        None => Supersession::Supersedes(current.iter().map(|(id, _)| *id).collect()),
    }
}

/// A day after the submission it follows, and not ahead of today.
pub fn day_refusals(
    field: &'static str,
    day: NaiveDate,
    not_before: NaiveDate,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    if day > today {
        vec![(field, Refusal::InFuture)]
    } else if day < not_before {
        vec![(field, Refusal::BeforeDate { date: not_before })]
    } else {
        Vec::new()
    }
}

/// The last day an assessment published on `published_on` should be assessed again by: within
/// five years of its publication (特定個人情報保護評価に関する規則第14条).
pub fn reassess_by(published_on: NaiveDate) -> NaiveDate {
    published_on
        .checked_add_months(Months::new(60))
        .and_then(|day| day.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// How long before the five years end the list shows an assessment as due again (再実施).
pub const REASSESSMENT_NOTICE_MONTHS: u32 = 6;

/// Whether an assessment published on `published_on` is due to be assessed again on `today`:
/// its five years end within [`REASSESSMENT_NOTICE_MONTHS`], or have ended.
pub fn reassessment_due(published_on: NaiveDate, today: NaiveDate) -> bool {
    let notice_from = reassess_by(published_on)
        .checked_sub_months(Months::new(REASSESSMENT_NOTICE_MONTHS))
        .unwrap_or(NaiveDate::MIN);
    today >= notice_from
}

/// The last publication day whose assessment is due again on `today`: the rule is monotonic (an
/// earlier publication is due sooner), so a list selects `published_on <=` this day.
pub fn due_if_published_by(today: NaiveDate) -> NaiveDate {
    let mut day = today
        .checked_sub_months(Months::new(60 - REASSESSMENT_NOTICE_MONTHS))
        .and_then(|day| day.checked_add_days(chrono::Days::new(10)))
        .unwrap_or(NaiveDate::MIN);
    while day > NaiveDate::MIN && !reassessment_due(day, today) {
        day = day.pred_opt().unwrap_or(NaiveDate::MIN);
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_commission_approves_the_full_assessments_of_national_bodies() {
        // 番号利用法第28条第2項; seed 004 議題２: 厚生労働省の全項目評価書, approved 2023-05-31.
        let (submitted, approved, today) =
            (day("2023-04-20"), day("2023-05-31"), day("2023-06-01"));
        assert!(
            approval_refusals(
                PiaLevel::Full,
                OrganizationKind::NationalAgency,
                submitted,
                approved,
                today
            )
            .is_empty()
        );
        let refused = approval_refusals(
            PiaLevel::Focused,
            OrganizationKind::LocalGovernment,
            submitted,
            approved,
            today,
        );
        assert_eq!(
            refused.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            ["level", "organization_id"]
        );
        let early = approval_refusals(
            PiaLevel::Full,
            OrganizationKind::IncorporatedAgency,
            submitted,
            day("2023-04-19"),
            today,
        );
        assert_eq!(
            early,
            vec![("approved_on", Refusal::BeforeDate { date: submitted })]
        );
    }

    #[test]
    fn an_assessment_is_made_again_within_five_years_of_publication() {
        // 特定個人情報保護評価に関する規則第14条: 公表から５年を経過する前に再実施.
        assert_eq!(reassess_by(day("2019-06-15")), day("2024-06-14"));
        assert_eq!(reassess_by(day("2020-02-29")), day("2025-02-27"));
        assert!(!reassessment_due(day("2019-06-15"), day("2023-12-13")));
        assert!(reassessment_due(day("2019-06-15"), day("2023-12-14")));
        assert!(reassessment_due(day("2019-06-15"), day("2026-01-01")));
    }

    #[test]
    fn a_list_selects_the_publications_the_rule_makes_due() {
        for today in [
            "2026-12-06",
            "2026-03-31",
            "2026-02-28",
            "2025-08-31",
            "2024-02-29",
        ] {
            let today = day(today);
            let by = due_if_published_by(today);
            assert!(reassessment_due(by, today), "{today}: {by}");
            assert!(
                !reassessment_due(by.succ_opt().unwrap(), today),
                "{today}: {by}"
            );
        }
    }

    #[test]
    fn the_assessment_submitted_last_is_current() {
        // A new assessment of the same task (再実施, 重要な変更) replaces the last; one entered late
        // from history does not displace a newer one.
        let (old, newer) = ((1, day("2019-04-01")), (2, day("2023-04-01")));
        assert_eq!(
            supersession(day("2023-04-01"), &[old]),
            Supersession::Supersedes(vec![1])
        );
        assert_eq!(
            supersession(day("2020-04-01"), &[newer]),
            Supersession::SupersededBy(2)
        );
        assert_eq!(
            supersession(day("2020-04-01"), &[]),
            Supersession::Supersedes(vec![])
        );
    }
}
