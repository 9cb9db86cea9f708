//! A Commission meeting's agenda (議題; seed 004, 第244回: four items in order, the fourth
//! 「監視・監督について」 closed). A closed item's content is not disclosed: the public see its
//! title and 「（内容について非公表）」 in place of everything else. Each item's materials, minutes
//! and summary are published on a day decided item by item.

use chrono::NaiveDate;

use super::text_enum;
use crate::error::Refusal;

text_enum! {
    /// What an agenda item is.
    pub enum AgendaKind {
        /// 審議・決定
        Decision => "decision",
        /// 承認 (a full assessment, 番号利用法第28条第2項)
        Approval => "approval",
        /// 報告
        Report => "report",
        /// 意見聴取・ヒアリング
        Hearing => "hearing",
        /// その他
        Other => "other",
    }
}

impl AgendaKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Decision => "審議・決定",
            Self::Approval => "承認",
            Self::Report => "報告",
            Self::Hearing => "意見聴取・ヒアリング",
            Self::Other => "その他",
        }
    }
}

text_enum! {
    /// A kind of record an agenda item concerns.
    pub enum AgendaRecordKind {
        Case => "case",
        Action => "action",
        PiaEvaluation => "pia_evaluation",
        InspectionPlan => "inspection_plan",
    }
}

impl AgendaRecordKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Case => "事案",
            Self::Action => "監督等の対応",
            Self::PiaEvaluation => "特定個人情報保護評価書",
            Self::InspectionPlan => "検査計画",
        }
    }
}

/// What the public read in place of a closed item's content.
pub const UNDISCLOSED: &str = "（内容について非公表）";

/// Whether a meeting is listed publicly on `today`: once held.
pub fn listed(held_on: NaiveDate, today: NaiveDate) -> bool {
    held_on <= today
}

/// What the public read of an item's content (its kind, decision, records, publication day):
/// nothing of a closed item, whose place says [`UNDISCLOSED`].
pub fn disclosed(closed: bool) -> bool {
    !closed
}

/// Whether the public may download an item's materials on `today`: an open item of a held meeting
/// whose materials' publication day has come (seed 004: 「準備が整い次第…公表」, item by item).
pub fn materials_public(
    closed: bool,
    held_on: NaiveDate,
    published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    disclosed(closed) && listed(held_on, today) && published_on.is_some_and(|day| day <= today)
}

/// The refusals of an item's publication day: its materials are published on or after the
/// meeting.
pub fn item_refusals(held_on: NaiveDate, published_on: Option<NaiveDate>) -> Option<Refusal> {
    published_on
        .filter(|day| *day < held_on)
        .map(|_| Refusal::BeforeDate { date: held_on })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_closed_item_shows_only_its_title() {
        // Seed 004: 議題４「監視・監督について」 — （内容について非公表）.
        assert!(!disclosed(true));
        assert!(disclosed(false));
        assert_eq!(UNDISCLOSED, "（内容について非公表）");
    }

    #[test]
    fn materials_are_public_from_their_day_and_never_a_closed_items() {
        let (held, published) = (day("2023-05-31"), day("2023-06-09"));
        assert!(materials_public(false, held, Some(published), published));
        assert!(!materials_public(false, held, Some(published), held));
        assert!(!materials_public(false, held, None, published));
        assert!(!materials_public(true, held, Some(published), published));
    }

    #[test]
    fn a_meeting_is_listed_once_held_and_its_materials_follow_it() {
        let held = day("2023-05-31");
        assert!(listed(held, held));
        assert!(!listed(held, day("2023-05-30")));
        assert_eq!(item_refusals(held, Some(day("2023-06-02"))), None);
        assert_eq!(
            item_refusals(held, Some(day("2023-05-30"))),
            Some(Refusal::BeforeDate { date: held })
        );
    }
}
