//! The Commission's supervisory powers (SPEC.md §5): which article each action rests on per
//! regime, and the order in which the law lets them follow one another.
//!
//! | kind | `appi` | `appi_public` | `my_number` |
//! |---|---|---|---|
//! | report collection | 第146条第1項 報告徴収 | 第156条 資料の提出の要求 | 番号法 第35条第1項 報告 |
//! | on-site inspection | 第146条第1項 立入検査 | 第156条 実地調査 | 番号法 第35条第1項 立入検査 |
//! | guidance / advice | 第147条 | 第157条 | 番号法 第33条 |
//! | recommendation | 第148条第1項 | 第158条 | 番号法 第34条第1項 |
//! | order | 第148条第2項 | — | 番号法 第34条第2項 |
//! | emergency order | 第148条第3項 | — | 番号法 第34条第3項 |
//! | publication | 第148条第4項 | — | — |

use crate::error::{Refusal, Term};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use super::reportability::Regime;
use super::text_enum;

text_enum! {
    pub enum ActionKind {
        /// 報告徴収 (public sector: 資料の提出の要求)
        ReportCollection => "report_collection",
        /// 立入検査 (public sector: 実地調査)
        OnsiteInspection => "onsite_inspection",
        /// 指導・助言
        Guidance => "guidance",
        /// 勧告
        Recommendation => "recommendation",
        /// 命令
        Order => "order",
        /// 緊急命令
        EmergencyOrder => "emergency_order",
        /// 命令違反等の公表
        Publication => "publication",
    }
}

text_enum! {
    /// Who exercised the power.
    pub enum PerformedBy {
        Commission => "commission",
        /// 事業所管大臣, under a delegation of the Commission's power (法 第150条).
        DelegatedMinister => "delegated_minister",
    }
}

impl PerformedBy {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Commission => "個人情報保護委員会",
            Self::DelegatedMinister => "事業所管大臣（権限の委任）",
        }
    }
}

/// The provision an action rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct LegalBasis {
    /// The article in Japanese, e.g. 個人情報保護法第148条第1項.
    pub article: &'static str,
    /// The power's name in that regime, e.g. 勧告, 資料の提出の要求.
    pub power_ja: &'static str,
}

/// The name of the power an action exercises and its article, as letters and pages write them:
/// the regime's own name (資料の提出の要求 for the public sector) where the law gives the power,
/// else the kind's name with no article.
pub fn power_named(kind: ActionKind, regime: Regime) -> (&'static str, &'static str) {
    legal_basis(kind, regime).map_or((kind.label_ja(), ""), |b| (b.power_ja, b.article))
}

/// The article behind `kind` under `regime`, or None where the law gives no such power.
pub fn legal_basis(kind: ActionKind, regime: Regime) -> Option<LegalBasis> {
    use ActionKind as K;
    use Regime as R;
    let (article, power_ja) = match (regime, kind) {
        (R::Appi, K::ReportCollection) => ("個人情報保護法第146条第1項", "報告徴収"),
        (R::Appi, K::OnsiteInspection) => ("個人情報保護法第146条第1項", "立入検査"),
        (R::Appi, K::Guidance) => ("個人情報保護法第147条", "指導・助言"),
        (R::Appi, K::Recommendation) => ("個人情報保護法第148条第1項", "勧告"),
        (R::Appi, K::Order) => ("個人情報保護法第148条第2項", "命令"),
        (R::Appi, K::EmergencyOrder) => ("個人情報保護法第148条第3項", "緊急命令"),
        (R::Appi, K::Publication) => ("個人情報保護法第148条第4項", "公表"),
        (R::AppiPublic, K::ReportCollection) => ("個人情報保護法第156条", "資料の提出の要求"),
        (R::AppiPublic, K::OnsiteInspection) => ("個人情報保護法第156条", "実地調査"),
        (R::AppiPublic, K::Guidance) => ("個人情報保護法第157条", "指導・助言"),
        (R::AppiPublic, K::Recommendation) => ("個人情報保護法第158条", "勧告"),
        (R::MyNumber, K::ReportCollection) => ("番号利用法第35条第1項", "報告"),
        (R::MyNumber, K::OnsiteInspection) => ("番号利用法第35条第1項", "立入検査"),
        (R::MyNumber, K::Guidance) => ("番号利用法第33条", "指導・助言"),
        (R::MyNumber, K::Recommendation) => ("番号利用法第34条第1項", "勧告"),
        (R::MyNumber, K::Order) => ("番号利用法第34条第2項", "命令"),
        (R::MyNumber, K::EmergencyOrder) => ("番号利用法第34条第3項", "緊急命令"),
        (R::AppiPublic, K::Order | K::EmergencyOrder | K::Publication)
        | (R::MyNumber, K::Publication) => return None,
    };
    Some(LegalBasis { article, power_ja })
}

impl ActionKind {
    /// The power's usual name (APPI private sector; `legal_basis` gives each regime's own).
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::ReportCollection => "報告徴収",
            Self::OnsiteInspection => "立入検査",
            Self::Guidance => "指導・助言",
            Self::Recommendation => "勧告",
            Self::Order => "命令",
            Self::EmergencyOrder => "緊急命令",
            Self::Publication => "公表",
        }
    }

    /// The kind a power's Japanese name names, in any regime: its usual name (報告徴収), or the
    /// name a regime gives it (資料の提出の要求 and 実地調査 for the public sector, 報告 under the
    /// My Number Act; [`legal_basis`]). Each name is one kind's.
    pub fn named(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| {
            kind.label_ja() == name
                || Regime::ALL
                    .iter()
                    .filter_map(|regime| legal_basis(*kind, *regime))
                    .any(|basis| basis.power_ja == name)
        })
    }

    /// Decided at a numbered Commission meeting (委員会決定): recommendations and orders.
    pub fn needs_meeting(self) -> bool {
        matches!(
            self,
            Self::Recommendation | Self::Order | Self::EmergencyOrder
        )
    }

    /// Whether the entity's compliance is recorded: a recommendation or an order is complied with
    /// or not (and an unheeded recommendation opens the way to an order, 第148条第2項).
    pub fn records_compliance(self) -> bool {
        matches!(
            self,
            Self::Recommendation | Self::Order | Self::EmergencyOrder
        )
    }

    /// A report collection gives the entity a date by which to answer.
    pub fn has_due_date(self) -> bool {
        self == Self::ReportCollection
    }
}

/// The facts of an action that the rules look at.
#[derive(Clone, Copy, Debug)]
pub struct ActionFacts {
    pub kind: ActionKind,
    pub regime: Regime,
    pub performed_by: PerformedBy,
    pub has_meeting: bool,
    pub imminent_harm: bool,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub due_on: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// A report collection is overdue while it is unanswered, uncompleted and past its due date
/// (API.md, "Answers": an answered collection is no longer overdue); no other action has a due
/// date ([`ActionKind::has_due_date`]).
pub fn collection_overdue(
    kind: ActionKind,
    ended_on: Option<NaiveDate>,
    answered_on: Option<NaiveDate>,
    due_on: Option<NaiveDate>,
    today: NaiveDate,
) -> bool {
    kind.has_due_date()
        && ended_on.is_none()
        && answered_on.is_none()
        && due_on.is_some_and(|due| due < today)
}

/// An answer is late when it was submitted after the due date; fixed when it is filed.
pub fn answer_late(submitted_on: NaiveDate, due_on: Option<NaiveDate>) -> bool {
    due_on.is_some_and(|due| submitted_on > due)
}

/// The facts of an answer to a report collection (報告徴収への回答, 法第146条第1項).
#[derive(Clone, Copy, Debug)]
pub struct AnswerFacts {
    pub kind: ActionKind,
    /// Staff record an answer received on paper; the entity answers in the product.
    pub by_staff: bool,
    pub submitted_on: Option<NaiveDate>,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Why an answer is refused: as a whole (409), or by a field (422).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnswerRefused {
    Conflict(Refusal),
    Fields(Vec<ActionRefusal>),
}

/// The date an answer is recorded as submitted, or why it is refused. Only a report collection
/// is answered; the entity's answer is dated the day it is filed and ends when staff complete
/// the collection; staff may date an answer received on paper, not in the future and not
/// before the collection was made.
pub fn answer_submitted_on(facts: AnswerFacts) -> Result<NaiveDate, AnswerRefused> {
    if facts.kind != ActionKind::ReportCollection {
        return Err(AnswerRefused::Conflict(Refusal::NotAReportCollection));
    }
    if !facts.by_staff {
        if facts.submitted_on.is_some() {
            return Err(AnswerRefused::Fields(vec![refusal(
                "submitted_on",
                Refusal::StaffSetSubmittedOn,
            )]));
        }
        if let Some(ended_on) = facts.ended_on {
            return Err(AnswerRefused::Conflict(Refusal::CollectionCompleted {
                ended_on,
            }));
        }
        return Ok(facts.today);
    }
    let submitted_on = facts.submitted_on.unwrap_or(facts.today);
    if submitted_on > facts.today {
        return Err(AnswerRefused::Fields(vec![refusal(
            "submitted_on",
            Refusal::InFutureOf { today: facts.today },
        )]));
    }
    if submitted_on < facts.started_on {
        return Err(AnswerRefused::Fields(vec![refusal(
            "submitted_on",
            Refusal::BeforeDate {
                date: facts.started_on,
            },
        )]));
    }
    Ok(submitted_on)
}

/// A rule an action breaks: the field it concerns and the refusal (whose code is stable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionRefusal {
    pub field: &'static str,
    pub refusal: Refusal,
}

impl ActionRefusal {
    pub fn code(&self) -> &'static str {
        self.refusal.code()
    }
}

fn refusal(field: &'static str, refusal: Refusal) -> ActionRefusal {
    ActionRefusal { field, refusal }
}

/// The rules an action must keep by itself (the order-needs-recommendation rule, which looks at
/// earlier actions, is [`order_prerequisite`]).
pub fn action_refusals(facts: &ActionFacts) -> Vec<ActionRefusal> {
    let mut refusals = Vec::new();
    let exists = legal_basis(facts.kind, facts.regime).is_some();
    if !exists {
        refusals.push(refusal(
            "kind",
            Refusal::NoSuchPower {
                kind: Term::new(facts.kind.as_str(), facts.kind.label_ja()),
                regime: Term::new(facts.regime.as_str(), facts.regime.label_ja()),
                public_sector: facts.regime == Regime::AppiPublic,
            },
        ));
    }
    // A power the law does not give needs no meeting or finding: the refusal above says it all.
    if exists && facts.kind.needs_meeting() && !facts.has_meeting {
        refusals.push(refusal(
            "meeting_number",
            Refusal::MeetingRequired {
                kind: Term::new(facts.kind.as_str(), facts.kind.label_ja()),
            },
        ));
    }
    // 法 第150条: only report collection and on-site inspection may be delegated, under appi.
    if facts.performed_by == PerformedBy::DelegatedMinister
        && !(facts.regime == Regime::Appi
            && matches!(
                facts.kind,
                ActionKind::ReportCollection | ActionKind::OnsiteInspection
            ))
    {
        refusals.push(refusal("performed_by", Refusal::NotDelegable));
    }
    if exists
        && facts.kind == ActionKind::Order
        && facts.regime == Regime::Appi
        && !facts.imminent_harm
    {
        refusals.push(refusal("imminent_harm", Refusal::ImminentHarmRequired));
    }
    if facts.started_on > facts.today {
        refusals.push(refusal("started_on", Refusal::InFuture));
    }
    if let Some(ended_on) = facts.ended_on {
        if ended_on < facts.started_on {
            refusals.push(refusal(
                "ended_on",
                Refusal::BeforeField {
                    other: "started_on".into(),
                },
            ));
        } else if ended_on > facts.today {
            refusals.push(refusal("ended_on", Refusal::EndsInFuture));
        }
    }
    match facts.due_on {
        Some(_) if !facts.kind.has_due_date() => {
            refusals.push(refusal("due_on", Refusal::DueDateOnlyForCollection))
        }
        Some(due_on) if due_on < facts.started_on => refusals.push(refusal(
            "due_on",
            Refusal::BeforeField {
                other: "started_on".into(),
            },
        )),
        _ => {}
    }
    refusals
}

/// An earlier recommendation the rules may rest an order on.
#[derive(Clone, Copy, Debug)]
pub struct PriorRecommendation {
    pub id: i64,
    pub started_on: NaiveDate,
    /// None while compliance is not yet known.
    pub complied: Option<bool>,
}

/// 法 第148条第2項 / 番号法 第34条第2項: an order follows a recommendation to the same entity
/// that was not complied with. An emergency order (第3項) needs none. Returns the
/// recommendation it rests on, or why there is none.
pub fn order_prerequisite(
    kind: ActionKind,
    started_on: NaiveDate,
    recommendations: &[PriorRecommendation],
) -> Result<Option<i64>, ActionRefusal> {
    if kind != ActionKind::Order {
        return Ok(None);
    }
    let earlier: Vec<&PriorRecommendation> = recommendations
        .iter()
        .filter(|r| r.started_on <= started_on)
        .collect();
    if let Some(unheeded) = earlier.iter().find(|r| r.complied == Some(false)) {
        return Ok(Some(unheeded.id));
    }
    Err(refusal(
        "kind",
        Refusal::OrderNeedsRecommendation {
            unheeded_candidate: earlier.first().map(|r| r.id),
        },
    ))
}

#[cfg(test)]
mod tests {
    /// A power is named as a regime names it (法第146条 報告徴収, 法第156条 資料の提出の要求,
    /// 番号利用法第35条 報告): every name is one kind's, whatever the regime.
    #[test]
    fn a_power_is_named_by_any_regimes_name_for_it() {
        assert_eq!(
            ActionKind::named("報告徴収"),
            Some(ActionKind::ReportCollection)
        );
        assert_eq!(
            ActionKind::named("資料の提出の要求"),
            Some(ActionKind::ReportCollection)
        );
        assert_eq!(
            ActionKind::named("報告"),
            Some(ActionKind::ReportCollection)
        );
        assert_eq!(
            ActionKind::named("実地調査"),
            Some(ActionKind::OnsiteInspection)
        );
        assert_eq!(ActionKind::named("勧告"), Some(ActionKind::Recommendation));
        assert_eq!(ActionKind::named("命令違反"), None);
        for kind in ActionKind::ALL {
            assert_eq!(ActionKind::named(kind.label_ja()), Some(*kind));
            for regime in Regime::ALL {
                if let Some(basis) = legal_basis(*kind, *regime) {
                    assert_eq!(
                        ActionKind::named(basis.power_ja),
                        Some(*kind),
                        "{}",
                        basis.power_ja
                    );
                }
            }
        }
    }

    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn facts(kind: ActionKind, regime: Regime) -> ActionFacts {
        ActionFacts {
            kind,
            regime,
            performed_by: PerformedBy::Commission,
            has_meeting: true,
            imminent_harm: true,
            started_on: date("2025-04-01"),
            ended_on: None,
            due_on: None,
            today: date("2025-05-01"),
        }
    }

    fn codes(facts: &ActionFacts) -> Vec<&'static str> {
        action_refusals(facts)
            .iter()
            .map(ActionRefusal::code)
            .collect()
    }

    #[test]
    fn legal_bases_follow_the_table_of_spec_section_5() {
        let basis = |k, r| legal_basis(k, r).unwrap();
        assert_eq!(
            basis(ActionKind::ReportCollection, Regime::Appi).article,
            "個人情報保護法第146条第1項"
        );
        assert_eq!(
            basis(ActionKind::ReportCollection, Regime::AppiPublic).power_ja,
            "資料の提出の要求"
        );
        assert_eq!(
            basis(ActionKind::OnsiteInspection, Regime::AppiPublic).power_ja,
            "実地調査"
        );
        assert_eq!(
            basis(ActionKind::Guidance, Regime::MyNumber).article,
            "番号利用法第33条"
        );
        assert_eq!(
            basis(ActionKind::Recommendation, Regime::AppiPublic).article,
            "個人情報保護法第158条"
        );
        assert_eq!(
            basis(ActionKind::Order, Regime::MyNumber).article,
            "番号利用法第34条第2項"
        );
        assert_eq!(
            basis(ActionKind::EmergencyOrder, Regime::Appi).article,
            "個人情報保護法第148条第3項"
        );
        assert_eq!(
            basis(ActionKind::Publication, Regime::Appi).article,
            "個人情報保護法第148条第4項"
        );
    }

    #[test]
    fn the_public_sector_has_no_order_powers() {
        for kind in [
            ActionKind::Order,
            ActionKind::EmergencyOrder,
            ActionKind::Publication,
        ] {
            assert!(legal_basis(kind, Regime::AppiPublic).is_none());
            assert_eq!(codes(&facts(kind, Regime::AppiPublic)), ["no_such_power"]);
            let mut bare = facts(kind, Regime::AppiPublic);
            bare.has_meeting = false;
            bare.imminent_harm = false;
            assert_eq!(
                codes(&bare),
                ["no_such_power"],
                "nothing about meetings for a power not there"
            );
        }
        assert!(legal_basis(ActionKind::Publication, Regime::MyNumber).is_none());
    }

    #[test]
    fn recommendations_and_orders_name_their_meeting() {
        for kind in [
            ActionKind::Recommendation,
            ActionKind::Order,
            ActionKind::EmergencyOrder,
        ] {
            let mut f = facts(kind, Regime::Appi);
            f.has_meeting = false;
            assert_eq!(codes(&f), ["meeting_required"], "{kind}");
        }
        let mut guidance = facts(ActionKind::Guidance, Regime::Appi);
        guidance.has_meeting = false;
        assert!(codes(&guidance).is_empty());
    }

    #[test]
    fn an_appi_order_needs_a_finding_of_imminent_harm() {
        // 法第148条第2項: 個人の重大な権利利益の侵害が切迫していると認めるとき.
        let mut order = facts(ActionKind::Order, Regime::Appi);
        order.imminent_harm = false;
        assert_eq!(codes(&order), ["imminent_harm_required"]);
        let mut my_number = facts(ActionKind::Order, Regime::MyNumber);
        my_number.imminent_harm = false;
        assert!(
            codes(&my_number).is_empty(),
            "番号法第34条第2項 has no such condition"
        );
    }

    #[test]
    fn only_appi_collections_and_inspections_are_delegated() {
        // 法第150条.
        let mut inspection = facts(ActionKind::OnsiteInspection, Regime::Appi);
        inspection.performed_by = PerformedBy::DelegatedMinister;
        assert!(codes(&inspection).is_empty());
        let mut recommendation = facts(ActionKind::Recommendation, Regime::Appi);
        recommendation.performed_by = PerformedBy::DelegatedMinister;
        assert_eq!(codes(&recommendation), ["not_delegable"]);
        let mut my_number = facts(ActionKind::OnsiteInspection, Regime::MyNumber);
        my_number.performed_by = PerformedBy::DelegatedMinister;
        assert_eq!(codes(&my_number), ["not_delegable"]);
    }

    #[test]
    fn compliance_is_recorded_for_recommendations_and_orders() {
        assert!(ActionKind::Recommendation.records_compliance());
        assert!(
            ActionKind::Order.records_compliance()
                && ActionKind::EmergencyOrder.records_compliance()
        );
        assert!(!ActionKind::Guidance.records_compliance());
        assert!(!ActionKind::ReportCollection.records_compliance());
    }

    #[test]
    fn dates_are_coherent() {
        let mut f = facts(ActionKind::ReportCollection, Regime::Appi);
        f.ended_on = Some(date("2025-03-31"));
        f.due_on = Some(date("2025-03-30"));
        assert_eq!(codes(&f), ["dates_out_of_order", "dates_out_of_order"]);
        f.ended_on = Some(date("2025-05-02"));
        f.due_on = Some(date("2025-06-30"));
        assert_eq!(
            codes(&f),
            ["future_date"],
            "a due date may lie ahead; an end may not"
        );
        let mut guidance = facts(ActionKind::Guidance, Regime::Appi);
        guidance.due_on = Some(date("2025-04-30"));
        guidance.started_on = date("2025-05-02");
        assert_eq!(codes(&guidance), ["future_date", "no_due_date"]);
    }

    #[test]
    fn only_an_open_unanswered_report_collection_past_its_due_date_is_overdue() {
        let (due, today) = (Some(date("2025-04-30")), date("2025-05-01"));
        let overdue = |kind, ended, answered, due, today| {
            collection_overdue(kind, ended, answered, due, today)
        };
        assert!(overdue(
            ActionKind::ReportCollection,
            None,
            None,
            due,
            today
        ));
        assert!(!overdue(
            ActionKind::ReportCollection,
            None,
            None,
            due,
            date("2025-04-30")
        ));
        assert!(!overdue(
            ActionKind::ReportCollection,
            Some(today),
            None,
            due,
            today
        ));
        // Answered (even late): no longer overdue (API.md, version 2 clarifications).
        assert!(!overdue(
            ActionKind::ReportCollection,
            None,
            Some(today),
            due,
            today
        ));
        assert!(!overdue(
            ActionKind::ReportCollection,
            None,
            None,
            None,
            today
        ));
        assert!(!overdue(ActionKind::Guidance, None, None, due, today));
    }

    #[test]
    fn an_answer_after_the_due_date_is_late() {
        let due = Some(date("2025-04-30"));
        assert!(!answer_late(date("2025-04-30"), due));
        assert!(answer_late(date("2025-05-01"), due));
        assert!(!answer_late(date("2025-05-01"), None));
    }

    #[test]
    fn only_a_report_collection_is_answered_and_staff_alone_date_an_answer() {
        let today = date("2025-05-10");
        let facts = AnswerFacts {
            kind: ActionKind::ReportCollection,
            by_staff: false,
            submitted_on: None,
            started_on: date("2025-04-01"),
            ended_on: None,
            today,
        };
        assert_eq!(answer_submitted_on(facts), Ok(today));
        assert_eq!(
            answer_submitted_on(AnswerFacts {
                kind: ActionKind::Guidance,
                ..facts
            }),
            Err(AnswerRefused::Conflict(Refusal::NotAReportCollection))
        );
        let dated = AnswerFacts {
            submitted_on: Some(date("2025-05-02")),
            ..facts
        };
        assert!(matches!(
            answer_submitted_on(dated),
            Err(AnswerRefused::Fields(f)) if f[0].field == "submitted_on"
        ));
        assert_eq!(
            answer_submitted_on(AnswerFacts {
                by_staff: true,
                ..dated
            }),
            Ok(date("2025-05-02"))
        );
        assert_eq!(
            answer_submitted_on(AnswerFacts {
                ended_on: Some(date("2025-05-09")),
                ..facts
            }),
            Err(AnswerRefused::Conflict(Refusal::CollectionCompleted {
                ended_on: date("2025-05-09")
            }))
        );
        for wrong in ["2025-05-11", "2025-03-31"] {
            assert!(matches!(
                answer_submitted_on(AnswerFacts {
                    by_staff: true,
                    submitted_on: Some(date(wrong)),
                    ..facts
                }),
                Err(AnswerRefused::Fields(_))
            ));
        }
    }

    #[test]
    fn an_order_rests_on_an_earlier_unheeded_recommendation() {
        let start = date("2025-04-10");
        let refused = order_prerequisite(ActionKind::Order, start, &[]).unwrap_err();
        assert_eq!(refused.code(), "order_needs_recommendation");
        let pending = PriorRecommendation {
            id: 7,
            started_on: date("2025-04-01"),
            complied: None,
        };
        let heeded = PriorRecommendation {
            complied: Some(true),
            ..pending
        };
        let unheeded = PriorRecommendation {
            id: 8,
            complied: Some(false),
            ..pending
        };
        assert!(order_prerequisite(ActionKind::Order, start, &[pending]).is_err());
        assert!(order_prerequisite(ActionKind::Order, start, &[heeded]).is_err());
        assert_eq!(
            order_prerequisite(ActionKind::Order, start, &[heeded, unheeded]),
            Ok(Some(8))
        );
        let later = PriorRecommendation {
            started_on: date("2025-04-11"),
            ..unheeded
        };
        assert!(
            order_prerequisite(ActionKind::Order, start, &[later]).is_err(),
            "it must come first"
        );
        // 第148条第3項: an emergency order needs no recommendation.
        assert_eq!(
            order_prerequisite(ActionKind::EmergencyOrder, start, &[]),
            Ok(None)
        );
    }

    #[test]
    fn a_power_is_named_by_its_regime_and_article() {
        assert_eq!(
            power_named(ActionKind::ReportCollection, Regime::Appi),
            ("報告徴収", "個人情報保護法第146条第1項")
        );
        let (public, _) = power_named(ActionKind::ReportCollection, Regime::AppiPublic);
        assert_eq!(public, "資料の提出の要求");
    }
}
