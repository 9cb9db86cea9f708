//! The consultation hotline and complaint mediation (SPEC.md §6; seed 000).
//!
//! Mediation (苦情あっせん) starts only where (1) the entity can be identified, (2) the applicant
//! is a party to the matter, and (3) the Commission judges it suitable — which it is not while
//! litigation or another dispute procedure is pending or finished, or where the applicant seeks
//! money or an apology (seed 000, note 1).

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
        }
    }
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
