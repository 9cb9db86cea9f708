//! The consultation hotline and complaint mediation (SPEC.md §6; seed 000).
//!
//! Mediation (苦情あっせん) starts only where (1) the entity can be identified, (2) the applicant
//! is a party to the matter, and (3) the Commission judges it suitable — which it is not while
//! litigation or another dispute procedure is pending or finished, or where the applicant seeks
//! money or an apology (seed 000, note 1).

use chrono::NaiveDate;

use super::reportability::Regime;
use super::text_enum;

text_enum! {
    pub enum Desk {
        /// 個人情報保護法相談ダイヤル（民間部門）
        Private => "private",
        /// 個人情報保護法相談ダイヤル（公的部門）
        Public => "public",
        /// マイナンバー苦情あっせん相談窓口
        MyNumber => "my_number",
        /// 行政機関等非識別加工情報に関する総合案内所 (FY2019's third desk, seed 001 参考３)
        Deidentified => "deidentified",
    }
}

text_enum! {
    pub enum ConsultationClass {
        /// 苦情: dissatisfaction with how an entity handles data.
        Complaint => "complaint",
        /// 質問: interpretation of the law or guidelines.
        Question => "question",
        /// その他: requests, out-of-scope inquiries, referrals to another body.
        Other => "other",
    }
}

text_enum! {
    pub enum MediationStatus {
        Applied => "applied",
        Started => "started",
        Declined => "declined",
        Closed => "closed",
    }
}

text_enum! {
    pub enum MediationOutcome {
        Resolved => "resolved",
        Unresolved => "unresolved",
        Withdrawn => "withdrawn",
    }
}

text_enum! {
    /// What happened in a started mediation.
    pub enum StepKind {
        /// 委員会から当該事業者に対応を促した
        UrgedEntity => "urged_entity",
        /// 当該事業者から報告を受けた
        EntityReported => "entity_reported",
        Other => "other",
    }
}

impl MediationStatus {
    /// あっせんの状況.
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Applied => "申出中",
            Self::Started => "実施中",
            Self::Declined => "不実施",
            Self::Closed => "終了",
        }
    }
}

impl MediationOutcome {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Resolved => "解決",
            Self::Unresolved => "不調（解決に至らず）",
            Self::Withdrawn => "取下げ",
        }
    }
}

impl StepKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::UrgedEntity => "委員会から当該事業者等に対応を促した",
            Self::EntityReported => "当該事業者等から報告を受けた",
            Self::Other => "その他",
        }
    }
}

/// The Japanese of an obstacle to mediation named by `mediation_obstacles` (the words in its
/// parentheses).
pub fn obstacle_ja(reason: &str) -> &str {
    reason
        .rsplit_once('(')
        .and_then(|(_, ja)| ja.strip_suffix(')'))
        .unwrap_or(reason)
}

impl Desk {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Private => "個人情報保護法相談ダイヤル（民間部門）",
            Self::Public => "個人情報保護法相談ダイヤル（公的部門）",
            Self::MyNumber => "マイナンバー苦情あっせん相談窓口",
            Self::Deidentified => "行政機関等非識別加工情報に関する総合案内所",
        }
    }
}

impl Desk {
    /// The regime a desk's complaints and mediations count under in the activity statistics
    /// (seed 001 counts 苦情のあっせん of the private-sector desk in the APPI table; API.md:
    /// `private` → `appi`).
    pub fn regime(self) -> Regime {
        match self {
            Self::Private => Regime::Appi,
            Self::Public => Regime::AppiPublic,
            Self::MyNumber => Regime::MyNumber,
            Self::Deidentified => Regime::AppiPublic,
        }
    }
}

/// The day the Commission was established (平成28年1月1日): no desk of its own before it.
pub fn desks_began() -> NaiveDate {
    NaiveDate::from_ymd_opt(2016, 1, 1).expect("a day")
}

/// The day seed 000's desks began: the 2021 amendment (令和３年法律第37号) brought the national
/// public sector under the Act on 2022-04-01, and with it the public-sector desk; 非識別加工情報
/// became 行政機関等匿名加工情報 and its desk (seed 001 参考３) closed the day before.
pub fn desks_of_2022() -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 4, 1).expect("a day")
}

/// A desk as it stood on a day: its label and its classes with theirs, as that day's tables
/// print them (SPEC.md §7a).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskShape {
    pub desk: Desk,
    pub label_ja: &'static str,
    pub classes: Vec<(ConsultationClass, &'static str)>,
}

/// The days a structure of desks is valid for: from its first day to its last (open: today's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Validity {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

impl Validity {
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// The structure of desks a day falls in (none before the Commission): seed 001's until
/// 2022-03-31, seed 000's from 2022-04-01. A category added without its days is valid for the
/// structure of the day it is added.
pub fn structure_of(day: NaiveDate) -> Option<Validity> {
    if day < desks_began() {
        None
    } else if day < desks_of_2022() {
        Some(Validity {
            from: desks_began(),
            to: desks_of_2022().pred_opt(),
        })
    } else {
        Some(Validity {
            from: desks_of_2022(),
            to: None,
        })
    }
}

/// The days a category added to `desk` is valid for (API.md "The half-year report"): without a
/// first day, the structure of desks of `today`; without a last day, the end of its first day's
/// structure. A category belongs to one structure (its days do not cross 2022-04-01), to a desk
/// open then, and ends on or after it begins. The refusals name the field.
pub fn category_validity(
    desk: Desk,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Validity, (&'static str, CategoryRefusal)> {
    let first = from.unwrap_or(today);
    let field = if from.is_some() { "valid_from" } else { "desk" };
    let structure = structure_of(first).ok_or((field, CategoryRefusal::NoDesks))?;
    let from = from.unwrap_or(structure.from);
    if desk_on(desk, from).is_none() {
        return Err(("desk", CategoryRefusal::DeskClosed(from)));
    }
    let validity = Validity {
        from,
        to: to.or(structure.to),
    };
    match (validity.to, structure.to) {
        (Some(to), _) if to < validity.from => Err(("valid_to", CategoryRefusal::EndsBeforeStart)),
        (None, Some(_)) => Err(("valid_to", CategoryRefusal::CrossesStructures)),
        (Some(to), Some(last)) if to > last => {
            Err(("valid_to", CategoryRefusal::CrossesStructures))
        }
        _ => Ok(validity),
    }
}

/// Why a category's days are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryRefusal {
    /// Before the Commission, no desk.
    NoDesks,
    /// The desk was not open on that day.
    DeskClosed(NaiveDate),
    EndsBeforeStart,
    /// The days run from one structure of desks into the next.
    CrossesStructures,
}

/// The desks open on `day`, in their order, labelled as that day's tables print them: FY2019's
/// 個人情報保護法相談ダイヤル (苦情 / 質問 / その他), マイナンバー苦情あっせん相談窓口 (苦情 / 質問・相談 /
/// その他) and 行政機関等非識別加工情報に関する総合案内所 (質問・相談 only) — seed 001 参考１, 参考３,
/// Ⅱ参考１; from 2022-04-01 seed 000's private, public and My Number desks, each 苦情 / 質問 / その他.
pub fn desks_on(day: NaiveDate) -> Vec<DeskShape> {
    use ConsultationClass::*;
    let three = |question: &'static str| {
        vec![
            (Complaint, Complaint.label_ja()),
            (Question, question),
            (Other, Other.label_ja()),
        ]
    };
    if day < desks_began() {
        Vec::new()
    } else if day < desks_of_2022() {
        vec![
            DeskShape {
                desk: Desk::Private,
                label_ja: "個人情報保護法相談ダイヤル",
                classes: three(Question.label_ja()),
            },
            DeskShape {
                desk: Desk::MyNumber,
                label_ja: Desk::MyNumber.label_ja(),
                classes: three("質問・相談"),
            },
            DeskShape {
                desk: Desk::Deidentified,
                label_ja: Desk::Deidentified.label_ja(),
                classes: vec![(Question, "質問・相談")],
            },
        ]
    } else {
        [Desk::Private, Desk::Public, Desk::MyNumber]
            .into_iter()
            .map(|desk| DeskShape {
                desk,
                label_ja: desk.label_ja(),
                classes: three(Question.label_ja()),
            })
            .collect()
    }
}

/// `desk` as it stood on `day`, if it was open.
pub fn desk_on(desk: Desk, day: NaiveDate) -> Option<DeskShape> {
    desks_on(day).into_iter().find(|shape| shape.desk == desk)
}

/// The notes under a desk's half-year table, as seed 001 prints them (参考１ 注１; Ⅱ参考１ 注１・注２),
/// each with the class it is attached to.
pub fn table_notes(desk: Desk) -> Vec<(ConsultationClass, &'static str)> {
    const COMPLAINTS: &str = "事業者等における不適正な取扱い等に関する情報提供を含む。";
    match desk {
        Desk::Private | Desk::Public => vec![(ConsultationClass::Complaint, COMPLAINTS)],
        Desk::MyNumber => vec![
            (ConsultationClass::Complaint, COMPLAINTS),
            (
                ConsultationClass::Other,
                "マイナンバー法やマイナンバー制度に関する意見で他機関を紹介しているものを含む。",
            ),
        ],
        Desk::Deidentified => Vec::new(),
    }
}

/// How many leading categories a half-year desk table prints (seed 001: 問合せ内容上位５項目).
pub const LEADING: usize = 5;

/// The leading categories of a desk's table (SPEC.md §7a): given each category's consultations
/// in the half, in the categories' own order, the `LEADING` with the most — ties broken by that
/// order — returned as positions in that order (seed 001's My Number desk: 157 / 100 / 51 / 24 /
/// 66, その他 last). A desk with fewer consulted categories fills its five with the first unnamed
/// ones, as a printed table keeps its five columns.
pub fn leading_categories(counts: &[u64]) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..counts.len()).collect();
    ranked.sort_by_key(|&i| (std::cmp::Reverse(counts[i]), i));
    ranked.truncate(LEADING);
    ranked.sort_unstable();
    ranked
}

impl ConsultationClass {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Complaint => "苦情",
            Self::Question => "質問",
            Self::Other => "その他",
        }
    }

    /// Complaints and questions are filed under the desk's categories; "other" may have none.
    pub fn needs_category(self) -> bool {
        self != Self::Other
    }
}

/// The facts of an application for mediation.
#[derive(Clone, Copy, Debug, Default)]
pub struct Application {
    pub entity_identifiable: bool,
    pub applicant_is_party: bool,
    pub other_procedure_pending: bool,
    pub seeks_compensation_or_apology: bool,
}

/// Why mediation cannot start, one reason per unmet condition (empty: eligible).
pub fn mediation_obstacles(application: &Application) -> Vec<&'static str> {
    let mut reasons = Vec::new();
    if !application.entity_identifiable {
        reasons.push(
            "the entity complained of cannot be identified (事業者等を特定することができない)",
        );
    }
    if !application.applicant_is_party {
        reasons.push("the applicant is not a party to the matter (相談者が当事者でない)");
    }
    if application.other_procedure_pending {
        reasons.push(
            "litigation or another dispute procedure is pending or finished (訴訟、他の紛争処理機関等の手続が進行中又は終了)",
        );
    }
    if application.seeks_compensation_or_apology {
        reasons.push("the applicant seeks money or an apology (金銭的賠償や謝罪を求めている)");
    }
    reasons
}

/// Whether a mediation in `status` may move to `next`.
pub fn may_move(status: MediationStatus, next: MediationStatus) -> bool {
    use MediationStatus::*;
    matches!(
        (status, next),
        (Applied, Started) | (Applied, Declined) | (Started, Closed)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_obstacle_has_its_japanese() {
        let none = Application::default();
        for reason in mediation_obstacles(&Application {
            other_procedure_pending: true,
            seeks_compensation_or_apology: true,
            ..none
        }) {
            let ja = obstacle_ja(reason);
            assert!(!ja.is_ascii() && !ja.contains('('), "{ja}");
        }
        assert_eq!(
            obstacle_ja(mediation_obstacles(&none)[0]),
            "事業者等を特定することができない"
        );
    }

    fn eligible() -> Application {
        Application {
            entity_identifiable: true,
            applicant_is_party: true,
            other_procedure_pending: false,
            seeks_compensation_or_apology: false,
        }
    }

    #[test]
    fn mediation_needs_all_three_conditions_of_seed_000() {
        assert!(mediation_obstacles(&eligible()).is_empty());
        for application in [
            Application {
                entity_identifiable: false,
                ..eligible()
            },
            Application {
                applicant_is_party: false,
                ..eligible()
            },
            Application {
                other_procedure_pending: true,
                ..eligible()
            },
            Application {
                seeks_compensation_or_apology: true,
                ..eligible()
            },
        ] {
            assert_eq!(
                mediation_obstacles(&application).len(),
                1,
                "{application:?}"
            );
        }
        let nothing = Application {
            other_procedure_pending: true,
            seeks_compensation_or_apology: true,
            ..Application::default()
        };
        assert_eq!(
            mediation_obstacles(&nothing).len(),
            4,
            "every unmet condition is named"
        );
    }

    #[test]
    fn a_mediation_starts_or_is_declined_once_then_closes() {
        use MediationStatus::*;
        assert!(
            may_move(Applied, Started) && may_move(Applied, Declined) && may_move(Started, Closed)
        );
        assert!(
            !may_move(Declined, Started)
                && !may_move(Closed, Started)
                && !may_move(Applied, Closed)
        );
        assert!(!may_move(Started, Declined));
    }

    #[test]
    fn each_desk_counts_under_its_regime() {
        assert_eq!(Desk::Private.regime(), Regime::Appi);
        assert_eq!(Desk::Public.regime(), Regime::AppiPublic);
        assert_eq!(Desk::MyNumber.regime(), Regime::MyNumber);
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn fy2019_had_three_desks_and_fy2025_has_seed_000s() {
        let fy2019: Vec<_> = desks_on(day("2019-09-30"));
        assert_eq!(
            fy2019.iter().map(|d| d.label_ja).collect::<Vec<_>>(),
            [
                "個人情報保護法相談ダイヤル",
                "マイナンバー苦情あっせん相談窓口",
                "行政機関等非識別加工情報に関する総合案内所"
            ],
            "seed 001 参考１, Ⅱ参考１, 参考３"
        );
        assert_eq!(fy2019[1].classes[1].1, "質問・相談");
        assert_eq!(
            fy2019[2].classes,
            [(ConsultationClass::Question, "質問・相談")]
        );
        let fy2025 = desks_on(day("2025-04-01"));
        assert_eq!(
            fy2025.iter().map(|d| d.desk).collect::<Vec<_>>(),
            [Desk::Private, Desk::Public, Desk::MyNumber]
        );
        assert_eq!(fy2025[2].classes[1].1, "質問");
        assert!(desk_on(Desk::Public, day("2022-03-31")).is_none());
        assert!(desk_on(Desk::Public, day("2022-04-01")).is_some());
        assert!(desk_on(Desk::Deidentified, day("2022-04-01")).is_none());
        assert!(desks_on(day("2015-12-31")).is_empty());
        let before = structure_of(day("2022-03-31")).unwrap();
        assert!(before.holds(day("2016-01-01")) && !before.holds(day("2022-04-01")));
        assert_eq!(structure_of(day("2030-01-01")).unwrap().to, None);
    }

    #[test]
    fn a_category_belongs_to_one_structure_of_desks() {
        let today = day("2026-12-06");
        assert_eq!(
            category_validity(Desk::Private, None, None, today),
            Ok(Validity {
                from: day("2022-04-01"),
                to: None
            })
        );
        assert_eq!(
            category_validity(Desk::Private, Some(day("2019-04-01")), None, today),
            Ok(Validity {
                from: day("2019-04-01"),
                to: Some(day("2022-03-31"))
            }),
            "an earlier structure's category ends with it"
        );
        assert_eq!(
            category_validity(
                Desk::Private,
                Some(day("2019-04-01")),
                Some(day("2023-03-31")),
                today
            ),
            Err(("valid_to", CategoryRefusal::CrossesStructures))
        );
        assert_eq!(
            category_validity(
                Desk::Private,
                Some(day("2019-04-01")),
                Some(day("2019-03-31")),
                today
            ),
            Err(("valid_to", CategoryRefusal::EndsBeforeStart))
        );
        assert_eq!(
            category_validity(Desk::Deidentified, None, None, today),
            Err(("desk", CategoryRefusal::DeskClosed(day("2022-04-01"))))
        );
        assert_eq!(
            category_validity(Desk::Public, Some(day("2019-04-01")), None, today),
            Err(("desk", CategoryRefusal::DeskClosed(day("2019-04-01"))))
        );
        assert_eq!(
            category_validity(Desk::Private, Some(day("2015-04-01")), None, today),
            Err(("valid_from", CategoryRefusal::NoDesks))
        );
    }

    #[test]
    fn the_five_leading_categories_print_in_their_own_order() {
        // Seed 001, Ⅱ参考１: 管理体制 157, 提供の求め等 100, 漏えい等 51, 苦情等窓口対応 24, then
        // two categories fewer than 24, and その他 66 last in the desk's order.
        assert_eq!(
            leading_categories(&[157, 100, 51, 24, 3, 2, 0, 66]),
            [0, 1, 2, 3, 7]
        );
        // Ties go to the category earlier in the order, zeros too.
        assert_eq!(leading_categories(&[1, 5, 5, 5, 5, 5, 5]), [1, 2, 3, 4, 5]);
        assert_eq!(leading_categories(&[0, 0, 0, 2, 0, 0]), [0, 1, 2, 3, 4]);
        assert_eq!(leading_categories(&[0, 2, 0]), [0, 1, 2]);
    }

    #[test]
    fn other_consultations_need_no_category() {
        assert!(ConsultationClass::Complaint.needs_category());
        assert!(!ConsultationClass::Other.needs_category());
        assert_eq!(
            Desk::MyNumber.label_ja(),
            "マイナンバー苦情あっせん相談窓口"
        );
    }
}
