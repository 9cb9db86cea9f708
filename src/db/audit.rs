//! What an audit row names: the action done ([`Action`]) and the kind of record it was done to
//! ([`Entity`]), each stored as its text (`import`, `report`) as the trail has always held it.
//! Every change is recorded through these enums, so a new kind of change is one variant here and
//! the compiler finds every record of it.

/// What was done to a record.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Action {
    // Records and their changes.
    Create,
    Update,
    /// A record made from a row of an office's file.
    Import,
    /// A leak report filed.
    File,
    Classify,
    Review,
    Amend,
    AddEntity,
    UpdateEntity,
    AddIncident,
    /// A notification's withdrawal (廃止届) filed.
    Withdraw,
    /// An accreditation revoked (認定の取消し).
    Revoke,
    /// A notifier's answer to a campaign (実態調査への回答).
    Answer,
    /// A drafted periodic report submitted.
    Submit,
    /// The Commission's remarks on an assessment (審査記載事項).
    Remark,
    /// An assessment approved at a meeting (承認).
    Approve,
    // Mediation, step by step.
    Apply,
    Started,
    Declined,
    Closed,
    Step,
    // Statistics, mail, the search index, imports.
    Publish,
    Notify,
    Claim,
    Sent,
    /// A message that failed, to be tried again later.
    Pending,
    Failed,
    Retry,
    Reindex,
    Hold,
    Take,
    /// Staff opened a record (the read log).
    Read,
    /// A record's assignee set or cleared.
    Assign,
    // Accounts.
    Issue,
    Login,
    LoginFailed,
    Logout,
    RevokeTokens,
    Disable,
    Enable,
    EndSessions,
    PasswordAccepted,
    PasswordChanged,
    PasswordReset,
    SecondFactor,
    TotpEnrolmentStarted,
    TotpEnabled,
    TotpReset,
}

/// The kind of record an audit row is about.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumIter, strum::EnumString,
)]
#[strum(serialize_all = "snake_case")]
pub enum Entity {
    Report,
    Incident,
    Case,
    Action,
    Meeting,
    Response,
    Attachment,
    Organization,
    Consultation,
    ConsultationCategory,
    Mediation,
    Statistics,
    Outbox,
    SearchIndex,
    PendingImport,
    User,
    ApiToken,
    WebSession,
    LoginAttempt,
    LoginChallenge,
    OptoutNotification,
    AccreditedBody,
    Guideline,
    Event,
    InspectionPlan,
    PeriodicQuestionnaire,
    PeriodicReport,
    PiaEvaluation,
    Activity,
    AnonymisedPublication,
    OptoutCampaign,
    /// An internal note on a record.
    Note,
}

impl Action {
    /// The text the trail stores.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

impl Entity {
    /// The text the trail stores.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    #[test]
    fn actions_and_entities_are_stored_as_the_trail_has_always_held_them() {
        assert_eq!(Action::Import.as_str(), "import");
        assert_eq!(
            Action::TotpEnrolmentStarted.as_str(),
            "totp_enrolment_started"
        );
        assert_eq!(Action::LoginFailed.as_str(), "login_failed");
        assert_eq!(Entity::PendingImport.as_str(), "pending_import");
        assert_eq!(
            Entity::ConsultationCategory.as_str(),
            "consultation_category"
        );
        for action in Action::iter() {
            assert_eq!(action.as_str().parse::<Action>().ok(), Some(action));
        }
        for entity in Entity::iter() {
            assert_eq!(entity.as_str().parse::<Entity>().ok(), Some(entity));
        }
    }
}
