//! Who may reach which entity's data (SPEC.md §1, §9): a reporter sees only its own
//! organization's data; staff and admins see all. Handlers ask here, never decide themselves.

use super::text_enum;

text_enum! {
    pub enum Role {
        /// Manages users and everything staff do.
        Admin => "admin",
        /// Supervision staff (監視・監督担当).
        Staff => "staff",
        /// A reporting entity's user, bound to one organization.
        Reporter => "reporter",
    }
}

impl Role {
    /// Staff powers: admins have them too.
    pub fn is_staff(self) -> bool {
        matches!(self, Self::Admin | Self::Staff)
    }
}

/// Whether a user of `role` belonging to `own` may see the data of organization `target`.
pub fn may_access_organization(role: Role, own: Option<i64>, target: i64) -> bool {
    role.is_staff() || own == Some(target)
}

/// Which supervisory actions a user may read: staff all; a reporter only the requests it must
/// answer — report collections (報告徴収, 法第146条第1項) addressed to its organization. Every
/// other action, and its notes, is the Commission's internal record.
pub fn may_read_action(
    role: Role,
    own: Option<i64>,
    is_report_collection: bool,
    addressed_to: i64,
) -> bool {
    role.is_staff() || (is_report_collection && own == Some(addressed_to))
}

/// What an attachment belongs to, as far as access goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A report of `organization`: its reporters and staff.
    Report { organization: i64 },
    /// An answer to an action addressed to `organization`: whoever may read the action.
    Response {
        organization: i64,
        is_report_collection: bool,
    },
    /// A case: the Commission's internal record, staff only.
    Case,
    /// A document the Commission publishes (an accredited body's guideline): staff here; the
    /// public reach it through the register's own address while the body is accredited.
    Published,
    /// A filing of `organization` with the Commission (an assessment): its reporters and staff.
    Filing { organization: i64 },
    /// A meeting's materials: staff here; the public reach an open item's once published
    /// through the public list of meetings.
    Meeting,
}

/// Who may read an attachment — and add one — is who may read what it belongs to: the reporting
/// entity and staff for a report, the entity a report collection is addressed to and staff for
/// an answer, staff for a case. Everyone else is told it does not exist (404).
pub fn may_reach_holder(role: Role, own: Option<i64>, holder: Holder) -> bool {
    match holder {
        Holder::Report { organization } => may_access_organization(role, own, organization),
        Holder::Response {
            organization,
            is_report_collection,
        } => may_read_action(role, own, is_report_collection, organization),
        Holder::Case => role.is_staff(),
        Holder::Published | Holder::Meeting => role.is_staff(),
        Holder::Filing { organization } => may_access_organization(role, own, organization),
    }
}

/// Whether a user's opening of a record is logged (issue #23, "who read what"): staff and admins
/// read every entity's reports, so each of their reads leaves a row; a reporting entity reads
/// only its own, which needs none.
pub fn read_is_logged(role: Role) -> bool {
    role.is_staff()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_reads_are_logged_and_a_reporters_own_are_not() {
        assert!(read_is_logged(Role::Staff));
        assert!(read_is_logged(Role::Admin));
        assert!(!read_is_logged(Role::Reporter));
    }

    #[test]
    fn a_reporter_reaches_only_its_own_organization() {
        assert!(may_access_organization(Role::Reporter, Some(7), 7));
        assert!(!may_access_organization(Role::Reporter, Some(7), 8));
        assert!(!may_access_organization(Role::Reporter, None, 8));
    }

    #[test]
    fn staff_and_admins_reach_every_organization() {
        assert!(may_access_organization(Role::Staff, None, 8));
        assert!(may_access_organization(Role::Admin, None, 8));
        assert!(Role::Admin.is_staff() && !Role::Reporter.is_staff());
    }

    #[test]
    fn a_reporter_reads_only_the_report_collections_addressed_to_it() {
        assert!(may_read_action(Role::Staff, None, false, 7));
        assert!(may_read_action(Role::Reporter, Some(7), true, 7));
        assert!(!may_read_action(Role::Reporter, Some(7), true, 8));
        assert!(!may_read_action(Role::Reporter, Some(7), false, 7));
    }

    #[test]
    fn files_are_reached_as_what_they_belong_to() {
        let report = Holder::Report { organization: 7 };
        assert!(may_reach_holder(Role::Reporter, Some(7), report));
        assert!(!may_reach_holder(Role::Reporter, Some(8), report));
        assert!(may_reach_holder(Role::Staff, None, report));
        let answer = Holder::Response {
            organization: 7,
            is_report_collection: true,
        };
        assert!(may_reach_holder(Role::Reporter, Some(7), answer));
        assert!(!may_reach_holder(Role::Reporter, Some(8), answer));
        assert!(!may_reach_holder(Role::Reporter, Some(7), Holder::Case));
        assert!(may_reach_holder(Role::Admin, None, Holder::Case));
        assert!(!may_reach_holder(
            Role::Reporter,
            Some(8),
            Holder::Published
        ));
        assert!(may_reach_holder(Role::Staff, None, Holder::Published));
    }
}
