//! Cases (事案): the vocabulary of seed 003 — entities join a case in a role, and a case moves
//! from open through investigation to closed.

use super::text_enum;

text_enum! {
    pub enum CaseStatus {
        Open => "open",
        Investigating => "investigating",
        Closed => "closed",
    }
}

text_enum! {
    /// The part an entity plays in a case.
    pub enum EntityRole {
        /// 発生主体
        Originator => "originator",
        /// 委託先
        Contractor => "contractor",
        /// 制度所管省庁
        MinistryInCharge => "ministry_in_charge",
        /// 実施機関
        ImplementingAgency => "implementing_agency",
        Other => "other",
    }
}

impl CaseStatus {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Open => "対応中",
            Self::Investigating => "調査中",
            Self::Closed => "終結",
        }
    }
}

impl EntityRole {
    pub fn label_ja(self) -> &'static str {
        match self {
            Self::Originator => "発生主体",
            Self::Contractor => "委託先",
            Self::MinistryInCharge => "制度所管省庁",
            Self::ImplementingAgency => "実施機関",
            Self::Other => "その他",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_carry_seed_003_labels() {
        assert_eq!(EntityRole::Originator.label_ja(), "発生主体");
        assert_eq!(EntityRole::Contractor.label_ja(), "委託先");
        assert_eq!(
            EntityRole::parse("ministry_in_charge"),
            Some(EntityRole::MinistryInCharge)
        );
        assert_eq!(
            CaseStatus::parse("investigating"),
            Some(CaseStatus::Investigating)
        );
    }
}
