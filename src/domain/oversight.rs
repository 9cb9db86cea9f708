//! My Number oversight (番号利用法): on-site inspections by type, the outreach events, and the
//! prefectures a policy's round has reached (seed 001 Ⅱ（４）（５）: 「定期的な立入検査４件 …
//! 総合的な立入検査１件（１市）、…レビュー検査18件（６府県管内の18市）」, 「47都道府県中44都道府県を
//! 達成」).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::organization::OrganizationKind;
use super::powers::{ActionKind, LegalBasis};
use super::prefecture::PREFECTURES;
use super::reportability::Regime;
use super::text_enum;
use crate::error::{Refusal, Term};

text_enum! {
    /// The type of a My Number on-site inspection.
    pub enum InspectionType {
        /// 定期的な立入検査: of 行政機関の長等, by plan (番号利用法第29条の3第1項).
        Regular => "regular",
        /// 総合的な立入検査 (番号利用法第35条第1項).
        Comprehensive => "comprehensive",
        /// レビュー検査: an inspection of focused items (番号利用法第35条第1項).
        Review => "review",
    }
}

impl InspectionType {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Regular => "定期的な立入検査",
            Self::Comprehensive => "総合的な立入検査",
            Self::Review => "レビュー検査",
        }
    }

    /// The article an inspection of this type rests on: the regular inspection of 行政機関の長等
    /// is its own power (番号利用法第29条の3第1項); the others are the general power to inspect
    /// (第35条第1項).
    pub fn basis(self) -> LegalBasis {
        match self {
            Self::Regular => LegalBasis {
                article: "番号利用法第29条の3第1項",
                power_ja: "定期的な立入検査",
            },
            Self::Comprehensive | Self::Review => LegalBasis {
                article: "番号利用法第35条第1項",
                power_ja: "立入検査",
            },
        }
    }
}

/// Whether bodies of `kind` are 行政機関の長等 (the national organs and incorporated
/// administrative agencies), whom a regular inspection inspects.
fn regularly_inspected(kind: OrganizationKind) -> bool {
    matches!(
        kind,
        OrganizationKind::NationalAgency | OrganizationKind::IncorporatedAgency
    )
}

/// The refusals of an action's inspection type: a type belongs to a My Number on-site inspection
/// only, and a regular inspection (番号利用法第29条の3第1項) is of 行政機関の長等 — not of a local
/// government nor a business.
pub fn inspection_type_refusals(
    kind: ActionKind,
    regime: Regime,
    inspection_type: Option<InspectionType>,
    inspected: OrganizationKind,
) -> Vec<(&'static str, Refusal)> {
    let Some(inspection_type) = inspection_type else {
        return Vec::new();
    };
    if kind != ActionKind::OnsiteInspection || regime != Regime::MyNumber {
        return vec![("inspection_type", Refusal::InspectionTypeOnlyForMyNumber)];
    }
    if inspection_type == InspectionType::Regular && !regularly_inspected(inspected) {
        return vec![(
            "inspection_type",
            Refusal::RegularInspectionOfAdministrativeOrgans {
                kind: Term::new(inspected.as_str(), inspected.label_ja()),
            },
        )];
    }
    Vec::new()
}

/// My Number on-site inspections by type (API.md "Oversight"): the half-year report's
/// `my_number.inspections`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct InspectionCounts {
    pub regular: u64,
    pub comprehensive: u64,
    pub review: u64,
    /// The distinct prefectures of the review inspections' bodies (「６府県管内の18市」).
    pub review_prefectures: u64,
    /// Inspections recorded without a type.
    pub unspecified: u64,
}

/// Counts inspections (type, the inspected body's prefecture) — those started in the period,
/// which is the caller's to choose (an inspection continued from an earlier period is not
/// counted again).
pub fn count_inspections<'a>(
    inspections: impl IntoIterator<Item = (Option<InspectionType>, Option<&'a str>)>,
) -> InspectionCounts {
    let mut counts = InspectionCounts::default();
    let mut prefectures = BTreeSet::new();
    for (inspection_type, prefecture) in inspections {
        match inspection_type {
            Some(InspectionType::Regular) => counts.regular += 1,
            Some(InspectionType::Comprehensive) => counts.comprehensive += 1,
            Some(InspectionType::Review) => {
                counts.review += 1;
                prefectures.extend(prefecture);
            }
            None => counts.unspecified += 1,
        }
    }
    counts.review_prefectures = prefectures.len() as u64;
    counts
}

/// An item of a yearly inspection plan (検査計画): a body, or a kind of body, to be inspected by a
/// type in a quarter of the plan's fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlannedItem {
    pub organization_id: Option<i64>,
    pub organization_kind: Option<OrganizationKind>,
    pub inspection_type: InspectionType,
}

/// An inspection done under a plan (its `plan_id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DoneInspection {
    pub action_id: i64,
    pub organization_id: i64,
    pub organization_kind: OrganizationKind,
    pub inspection_type: Option<InspectionType>,
    pub started_on: chrono::NaiveDate,
}

/// How many inspections carried out each item of a plan for `fiscal_year` (API.md: an item is
/// done by an inspection with the plan's id and the item's type started within the plan's fiscal
/// year; an item naming a body, or a kind of body, counts only the inspections of it).
pub fn plan_progress(
    fiscal_year: i32,
    items: &[PlannedItem],
    inspections: &[DoneInspection],
) -> Vec<Vec<DoneInspection>> {
    let in_year = |day: chrono::NaiveDate| super::periods::fiscal_year_of(day) == fiscal_year;
    items
        .iter()
        .map(|item| {
            let mut done: Vec<DoneInspection> = inspections
                .iter()
                .filter(|done| {
                    in_year(done.started_on)
                        && done.inspection_type == Some(item.inspection_type)
                        && item
                            .organization_id
                            .is_none_or(|id| done.organization_id == id)
                        && item
                            .organization_kind
                            .is_none_or(|kind| done.organization_kind == kind)
                })
                .copied()
                .collect();
            done.sort_by_key(|done| (done.started_on, done.action_id));
            done
        })
        .collect()
}

/// A plan item's refusals, `field` naming it (`items[2]`): a body or a kind of body (or neither),
/// not both; a regular inspection of 行政機関の長等 only (番号利用法第29条の3第1項).
pub fn plan_item_refusals(item: PlannedItem, body_kind: Option<OrganizationKind>) -> Vec<Refusal> {
    let mut refusals = Vec::new();
    if item.organization_id.is_some() && item.organization_kind.is_some() {
        refusals.push(Refusal::BodyOrKind);
    }
    if let Some(kind) = body_kind.or(item.organization_kind)
        && item.inspection_type == InspectionType::Regular
        && !regularly_inspected(kind)
    {
        refusals.push(Refusal::RegularInspectionOfAdministrativeOrgans {
            kind: Term::new(kind.as_str(), kind.label_ja()),
        });
    }
    refusals
}

text_enum! {
    /// An outreach event (講演・説明会・セミナー).
    pub enum EventKind {
        /// 講師派遣: a lecturer sent to another's event.
        Lecture => "lecture",
        /// The Commission's own seminar or briefing (説明会・セミナー).
        Seminar => "seminar",
        /// 特定個人情報安全管理措置セミナー: for local governments' safety measures.
        SafetySeminar => "safety_seminar",
        /// その他
        Other => "other",
    }
}

impl EventKind {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Lecture => "講師派遣",
            Self::Seminar => "説明会・セミナー",
            Self::SafetySeminar => "特定個人情報安全管理措置セミナー",
            Self::Other => "その他",
        }
    }
}

/// An event's refusals: held by today; a safety-measures seminar (特定個人情報安全管理措置セミナー)
/// is about specific personal information, so under the My Number Act.
pub fn event_refusals(
    kind: EventKind,
    regime: Regime,
    held_on: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    if held_on > today {
        refusals.push(("held_on", Refusal::InFuture));
    }
    if kind == EventKind::SafetySeminar && regime != Regime::MyNumber {
        refusals.push(("regime", Refusal::SafetySeminarUnderMyNumber));
    }
    refusals
}

/// The prefectures a round has reached, of the 47 (API.md "Oversight", coverage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct Coverage {
    /// In JIS X 0401 order.
    pub covered: Vec<String>,
    /// In JIS X 0401 order.
    pub uncovered: Vec<String>,
    pub covered_count: u64,
    /// Always 47.
    pub of: u64,
}

/// The coverage of a round: a prefecture is covered when a review inspection of a body in it, or
/// a safety-measures seminar held in it, took place in the round (the policy's 「本年度までに、
/// 各都道府県において、レビュー検査又は特定個人情報安全管理措置セミナーのいずれかを実施」) —
/// `reached` are the prefectures of those, which the caller gathers over the round's days.
pub fn coverage<'a>(reached: impl IntoIterator<Item = &'a str>) -> Coverage {
    let reached: BTreeSet<&str> = reached.into_iter().collect();
    let (covered, uncovered): (Vec<&str>, Vec<&str>) = PREFECTURES
        .iter()
        .copied()
        .partition(|prefecture| reached.contains(prefecture));
    Coverage {
        covered_count: covered.len() as u64,
        of: PREFECTURES.len() as u64,
        covered: covered.into_iter().map(str::to_owned).collect(),
        uncovered: uncovered.into_iter().map(str::to_owned).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_belongs_to_a_my_number_inspection_and_regular_ones_to_administrative_organs() {
        use ActionKind as K;
        use OrganizationKind as O;
        let refused = |kind, regime, t, o| inspection_type_refusals(kind, regime, t, o);
        let (inspection, my_number) = (K::OnsiteInspection, Regime::MyNumber);
        // 番号利用法第29条の3第1項: 行政機関の長等.
        assert!(
            refused(
                inspection,
                my_number,
                Some(InspectionType::Regular),
                O::NationalAgency
            )
            .is_empty()
        );
        assert!(
            refused(
                inspection,
                my_number,
                Some(InspectionType::Regular),
                O::IncorporatedAgency
            )
            .is_empty()
        );
        assert_eq!(
            refused(
                inspection,
                my_number,
                Some(InspectionType::Regular),
                O::LocalGovernment
            ),
            vec![(
                "inspection_type",
                Refusal::RegularInspectionOfAdministrativeOrgans {
                    kind: Term::new("local_government", "地方公共団体")
                }
            )]
        );
        // 第35条第1項: any body.
        assert!(
            refused(
                inspection,
                my_number,
                Some(InspectionType::Review),
                O::LocalGovernment
            )
            .is_empty()
        );
        assert!(refused(inspection, my_number, None, O::Business).is_empty());
        assert_eq!(
            refused(
                inspection,
                Regime::Appi,
                Some(InspectionType::Review),
                O::Business
            ),
            vec![("inspection_type", Refusal::InspectionTypeOnlyForMyNumber)]
        );
        assert_eq!(
            refused(
                K::ReportCollection,
                my_number,
                Some(InspectionType::Review),
                O::LocalGovernment
            ),
            vec![("inspection_type", Refusal::InspectionTypeOnlyForMyNumber)]
        );
        assert_eq!(
            InspectionType::Regular.basis().article,
            "番号利用法第29条の3第1項"
        );
        assert_eq!(
            InspectionType::Review.basis().article,
            "番号利用法第35条第1項"
        );
    }

    #[test]
    fn seed_001s_inspections_count_by_type_and_the_review_inspections_prefectures() {
        // 「定期的な立入検査４件 … 総合的な立入検査１件（１市）、…レビュー検査18件（６府県管内の18市）」
        let prefectures = ["京都府", "大阪府", "兵庫県", "奈良県", "岡山県", "広島県"];
        let mut inspections: Vec<(Option<InspectionType>, Option<&str>)> =
            vec![(Some(InspectionType::Regular), None); 4];
        inspections.push((Some(InspectionType::Comprehensive), Some("愛知県")));
        for i in 0..18 {
            inspections.push((Some(InspectionType::Review), Some(prefectures[i % 6])));
        }
        inspections.push((None, Some("北海道")));
        assert_eq!(
            count_inspections(inspections),
            InspectionCounts {
                regular: 4,
                comprehensive: 1,
                review: 18,
                review_prefectures: 6,
                unspecified: 1,
            }
        );
    }

    #[test]
    fn a_safety_seminar_is_held_under_the_my_number_act_by_today() {
        let day = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
        let today = day("2019-09-30");
        assert!(
            event_refusals(EventKind::SafetySeminar, Regime::MyNumber, today, today).is_empty()
        );
        assert!(event_refusals(EventKind::Lecture, Regime::Appi, today, today).is_empty());
        assert_eq!(
            event_refusals(
                EventKind::SafetySeminar,
                Regime::Appi,
                day("2019-10-01"),
                today
            ),
            vec![
                ("held_on", Refusal::InFuture),
                ("regime", Refusal::SafetySeminarUnderMyNumber)
            ]
        );
    }

    #[test]
    fn a_plans_items_count_the_inspections_of_their_type_body_and_year() {
        use OrganizationKind as O;
        let day = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
        let review = |organization_id, organization_kind| PlannedItem {
            organization_id,
            organization_kind,
            inspection_type: InspectionType::Review,
        };
        let items = [
            review(None, Some(O::LocalGovernment)),
            review(Some(7), None),
            review(None, None),
            PlannedItem {
                organization_id: None,
                organization_kind: Some(O::NationalAgency),
                inspection_type: InspectionType::Regular,
            },
        ];
        let done = |action_id, organization_id, inspection_type, started_on| DoneInspection {
            action_id,
            organization_id,
            organization_kind: O::LocalGovernment,
            inspection_type,
            started_on: day(started_on),
        };
        let inspections = [
            done(1, 7, Some(InspectionType::Review), "2019-05-01"),
            done(2, 8, Some(InspectionType::Review), "2019-08-01"),
            // Another type, a start outside FY2019 and an untyped inspection do nothing.
            done(3, 9, Some(InspectionType::Comprehensive), "2019-06-01"),
            done(4, 9, Some(InspectionType::Review), "2020-04-01"),
            done(5, 9, None, "2019-06-01"),
        ];
        let progress: Vec<Vec<i64>> = plan_progress(2019, &items, &inspections)
            .into_iter()
            .map(|done| done.iter().map(|d| d.action_id).collect())
            .collect();
        assert_eq!(progress, [vec![1, 2], vec![1], vec![1, 2], vec![]]);
        assert!(plan_item_refusals(review(None, None), None).is_empty());
        assert_eq!(
            plan_item_refusals(review(Some(7), Some(O::LocalGovernment)), None),
            [Refusal::BodyOrKind]
        );
        assert_eq!(
            plan_item_refusals(
                PlannedItem {
                    inspection_type: InspectionType::Regular,
                    ..review(Some(7), None)
                },
                Some(O::LocalGovernment)
            ),
            [Refusal::RegularInspectionOfAdministrativeOrgans {
                kind: Term::new("local_government", "地方公共団体")
            }]
        );
    }

    #[test]
    fn coverage_lists_the_47_prefectures_in_order_covered_or_not() {
        // 「47都道府県中44都道府県を達成」: three left.
        let reached: Vec<&str> = PREFECTURES
            .iter()
            .copied()
            .filter(|p| !["秋田県", "福井県", "沖縄県"].contains(p))
            .chain(["東京都", "東京都"])
            .collect();
        let coverage = coverage(reached);
        assert_eq!((coverage.covered_count, coverage.of), (44, 47));
        assert_eq!(coverage.uncovered, ["秋田県", "福井県", "沖縄県"]);
        assert_eq!(coverage.covered[0], "北海道");
    }
}
