//! The leak report's own vocabulary and its coherence rules (SPEC.md §3, API.md report body).

use crate::error::Refusal;
use chrono::NaiveDate;

use super::organization::OrganizationKind;
use super::reportability::Regime;
use super::text_enum;

text_enum! {
    pub enum Stage {
        /// 速報
        Preliminary => "preliminary",
        /// 確報
        Final => "final",
    }
}

text_enum! {
    /// How the leak happened.
    pub enum Cause {
        MisdeliveryMail => "misdelivery_mail",
        MisdeliveryEmail => "misdelivery_email",
        MisdeliveryFax => "misdelivery_fax",
        Loss => "loss",
        Theft => "theft",
        UnauthorizedAccess => "unauthorized_access",
        Malware => "malware",
        WrongIssuance => "wrong_issuance",
        WrongLinkage => "wrong_linkage",
        Insider => "insider",
        Other => "other",
    }
}

text_enum! {
    /// How the report reached the Commission.
    pub enum ReceivedVia {
        /// Filed with the Commission directly.
        Direct => "direct",
        /// Through a minister to whom the power was delegated (事業所管大臣, 法 第150条).
        Delegated => "delegated",
    }
}

impl ReceivedVia {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Direct => "委員会に直接",
            Self::Delegated => "事業所管大臣経由（権限の委任）",
        }
    }
}

impl Stage {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Preliminary => "速報",
            Self::Final => "確報",
        }
    }
}

impl Cause {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::MisdeliveryMail => "誤送付（郵送）",
            Self::MisdeliveryEmail => "誤送信（電子メール）",
            Self::MisdeliveryFax => "誤送信（FAX）",
            Self::Loss => "紛失",
            Self::Theft => "盗難",
            Self::UnauthorizedAccess => "不正アクセス",
            Self::Malware => "マルウェア感染",
            Self::WrongIssuance => "誤交付",
            Self::WrongLinkage => "誤登録・誤紐付け",
            Self::Insider => "従業者による持出し",
            Self::Other => "その他",
        }
    }
}

/// A regime the organization cannot report under: national administrative organs are always
/// public sector (法 第5章), and a business is never public sector.
pub fn regime_misfit(regime: Regime, kind: OrganizationKind) -> Option<Refusal> {
    match (regime, kind) {
        (Regime::AppiPublic, OrganizationKind::Business) => Some(Refusal::BusinessUnderAppiPublic),
        (Regime::Appi, OrganizationKind::NationalAgency) => Some(Refusal::NationalAgencyUnderAppi),
        _ => None,
    }
}

/// Facts that belong to another regime or kind of body than the report's: 条例要配慮個人情報 is a
/// ground only for local governments under `appi_public` (規則 第43条第5号); the network-system
/// and public-viewing grounds exist only under the My Number rules (報告規則 第2条第1号・第3号).
pub fn misplaced_grounds(
    regime: Regime,
    kind: Option<OrganizationKind>,
    facts: &super::reportability::Facts,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    let local_public =
        regime == Regime::AppiPublic && kind == Some(OrganizationKind::LocalGovernment);
    if facts.ordinance_sensitive && !local_public {
        refusals.push(("ordinance_sensitive", Refusal::OrdinanceSensitiveMisplaced));
    }
    if regime != Regime::MyNumber {
        if facts.network_system {
            refusals.push(("network_system", Refusal::NetworkSystemMisplaced));
        }
        if facts.publicly_viewable {
            refusals.push(("publicly_viewable", Refusal::PubliclyViewableMisplaced));
        }
    }
    refusals
}

/// Only the private sector's reports may reach the Commission through a delegated minister:
/// 法第150条 delegates powers over businesses (個人情報取扱事業者), not public bodies or My Number.
pub fn delegation_misfit(regime: Regime, via: ReceivedVia) -> Option<Refusal> {
    (via == ReceivedVia::Delegated && regime != Regime::Appi).then_some(Refusal::DelegatedOnlyAppi)
}

/// The first day a leak report could be made: the Act on the Protection of Personal
/// Information took full effect on 1 April 2005 (平成17年4月1日全面施行). An earlier awareness or
/// receipt date is a typing error.
pub fn earliest_report_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2005, 4, 1).expect("a valid date")
}

/// The dates of a report in the order the facts happened: occurred ≤ aware ≤ received ≤ today.
/// Returns each refused date field with the reason.
pub fn date_refusals(
    occurred_on: Option<NaiveDate>,
    aware_on: NaiveDate,
    received_on: NaiveDate,
    today: NaiveDate,
) -> Vec<(&'static str, Refusal)> {
    let mut refusals = Vec::new();
    let earliest = earliest_report_date();
    if aware_on < earliest {
        refusals.push(("aware_on", Refusal::BeforeTheAct { earliest }));
    }
    if aware_on > today {
        refusals.push(("aware_on", Refusal::InFutureOf { today }));
    }
    if occurred_on.is_some_and(|occurred_on| occurred_on > aware_on) {
        refusals.push(("occurred_on", Refusal::OccurredAfterAwareness));
    }
    if received_on > today {
        refusals.push(("received_on", Refusal::InFutureOf { today }));
    } else if received_on < aware_on {
        refusals.push(("received_on", Refusal::ReceivedBeforeAwareness));
    }
    refusals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn dates_must_follow_the_order_of_events() {
        let today = date("2025-05-01");
        assert!(
            date_refusals(
                Some(date("2025-04-01")),
                date("2025-04-02"),
                date("2025-04-03"),
                today
            )
            .is_empty()
        );
        assert!(date_refusals(None, date("2025-04-02"), date("2025-04-02"), today).is_empty());
        let fields =
            |r: Vec<(&'static str, Refusal)>| r.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            fields(date_refusals(
                None,
                date("2025-05-02"),
                date("2025-05-02"),
                today
            )),
            ["aware_on", "received_on"]
        );
        assert_eq!(
            fields(date_refusals(
                Some(date("2025-04-03")),
                date("2025-04-02"),
                date("2025-04-03"),
                today
            )),
            ["occurred_on"]
        );
        assert_eq!(
            fields(date_refusals(
                None,
                date("2025-04-02"),
                date("2025-04-01"),
                today
            )),
            ["received_on"]
        );
    }

    #[test]
    fn grounds_belong_to_their_regime_and_kind_of_body() {
        use crate::domain::reportability::Facts;
        let ordinance = Facts {
            ordinance_sensitive: true,
            ..Facts::default()
        };
        let local = Some(OrganizationKind::LocalGovernment);
        assert!(misplaced_grounds(Regime::AppiPublic, local, &ordinance).is_empty());
        assert_eq!(
            misplaced_grounds(Regime::Appi, Some(OrganizationKind::Business), &ordinance)[0].0,
            "ordinance_sensitive"
        );
        assert_eq!(
            misplaced_grounds(
                Regime::AppiPublic,
                Some(OrganizationKind::NationalAgency),
                &ordinance
            )
            .len(),
            1
        );
        let network = Facts {
            network_system: true,
            publicly_viewable: true,
            ..Facts::default()
        };
        assert!(misplaced_grounds(Regime::MyNumber, local, &network).is_empty());
        let fields: Vec<_> = misplaced_grounds(Regime::AppiPublic, local, &network)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["network_system", "publicly_viewable"]);
    }

    #[test]
    fn only_appi_reports_come_through_delegated_ministers() {
        assert!(delegation_misfit(Regime::Appi, ReceivedVia::Delegated).is_none());
        assert!(delegation_misfit(Regime::MyNumber, ReceivedVia::Delegated).is_some());
        assert!(delegation_misfit(Regime::AppiPublic, ReceivedVia::Delegated).is_some());
        assert!(delegation_misfit(Regime::MyNumber, ReceivedVia::Direct).is_none());
    }

    #[test]
    fn no_report_predates_the_act() {
        let today = date("2025-05-01");
        let fields =
            |r: Vec<(&'static str, Refusal)>| r.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(
            fields(date_refusals(
                None,
                date("0001-01-01"),
                date("2025-01-01"),
                today
            )),
            ["aware_on"]
        );
        assert!(date_refusals(None, date("2005-04-01"), date("2005-04-01"), today).is_empty());
    }

    #[test]
    fn regimes_fit_the_kind_of_organization() {
        assert!(regime_misfit(Regime::AppiPublic, OrganizationKind::Business).is_some());
        assert!(regime_misfit(Regime::Appi, OrganizationKind::NationalAgency).is_some());
        assert!(regime_misfit(Regime::Appi, OrganizationKind::Business).is_none());
        assert!(regime_misfit(Regime::AppiPublic, OrganizationKind::LocalGovernment).is_none());
        for kind in OrganizationKind::ALL {
            assert!(
                regime_misfit(Regime::MyNumber, *kind).is_none(),
                "My Number binds everyone"
            );
        }
    }
}
