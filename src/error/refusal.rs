//! Every reason the service refuses a value or a change, as a code with its parameters. Its texts
//! in English (the API's default) and Japanese (`Accept-Language: ja`, and every page) are
//! messages of `locales/` (`messages`). Rules of law decide *whether* to refuse in `domain/`;
//! this file only names the refusal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::messages::{self, Lang};

/// A value the refusal names: its code (in English texts, as the API spells it) and its
/// Japanese label (in Japanese texts, as the pages show it), e.g. `appi_public` / 個人情報保護法
/// （公的部門）.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub code: String,
    pub ja: String,
}

impl Term {
    pub fn new(code: impl Into<String>, ja: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            ja: ja.into(),
        }
    }
}

/// A kind of record: what a 404 did not find (also answered for another entity's records), or
/// what a refused id did not name.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    strum::EnumIter,
    strum::IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Missing {
    AccreditedBody,
    Action,
    Activity,
    AnonymisedPublication,
    Attachment,
    Case,
    Consultation,
    AgendaItem,
    Event,
    Guideline,
    Incident,
    InspectionPlan,
    Mediation,
    Meeting,
    Note,
    OptoutCampaign,
    OptoutNotification,
    #[default]
    Organization,
    OutboxMessage,
    Page,
    PendingImport,
    PeriodicQuestionnaire,
    PeriodicReport,
    PiaEvaluation,
    Record,
    Report,
    Resource,
    Response,
    Statistics,
}

impl Missing {
    /// The record's name in `lang` (the message `record-<kind>`).
    pub fn noun(self, lang: Lang) -> String {
        let kind: &'static str = self.into();
        messages::catalog().text(lang, &format!("record-{kind}"), None)
    }

    pub(super) fn not_found(self, lang: Lang) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        args.set("record", self.noun(lang));
        messages::catalog().text(lang, "error-not_found", Some(&args))
    }
}

/// A refusal: of one field's value (in a 422's `fields`), or of a change as a whole (a 409, whose
/// wire `code` is [`Refusal::code`]). Parameters are plain values so the texts can quote them.
#[derive(
    Clone, Debug, PartialEq, Eq, Serialize, Deserialize, strum::EnumIter, strum::IntoStaticStr,
)]
#[serde(tag = "refusal", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Refusal {
    // The shape of a request.
    Required,
    UnknownField,
    DuplicateField,
    /// A value of the wrong JSON type (serde's words for both sides).
    WrongType {
        unexpected: String,
        expected: String,
    },
    /// A value of the right type that is not one the field takes.
    WrongValue {
        unexpected: String,
        expected: String,
    },
    UnknownVariant {
        given: String,
        expected: Vec<String>,
    },
    /// A value its type's own parser refused (a date that is not one), in that parser's words.
    Unreadable {
        detail: String,
    },
    NotAnObject,
    NotANumber,
    NotADate,
    Length {
        min: Option<u64>,
        max: Option<u64>,
    },
    Range {
        min: Option<String>,
        max: Option<String>,
    },
    Email,
    Blank,
    ControlCharacters,
    TooLarge,
    DataItemCount {
        min: u64,
        max: u64,
    },
    DataItemText,
    DataItemTooLong {
        max: u64,
    },
    CategoryCount {
        max: u64,
    },
    CategoryCode,
    OutboxStatus,
    CorporateNumberDigits,
    CorporateNumberCheckDigit {
        expected: u32,
    },
    Prefecture,
    IdempotencyKey,
    PeriodFormat,
    PeriodYears,
    PeriodOrder,
    PeriodRequired,
    PeriodOrRange,
    RequiredWith {
        other: String,
    },
    /// Exactly one of this field and `other` must be given.
    OneOf {
        other: String,
    },
    /// No record of this kind has this id (or it is another entity's).
    NoSuchRecord {
        record: Missing,
        id: i64,
    },
    NoReportOfOrganization {
        id: i64,
    },
    NoMeeting {
        number: i64,
    },
    /// No incident has this reference.
    NoSuchReference {
        reference: String,
    },
    NoUser {
        email: String,
    },
    /// A search term shorter than the index can find.
    SearchTermTooShort {
        term: String,
        min: u64,
    },
    SearchTermCount {
        max: u64,
    },

    // Dates.
    InFuture,
    InFutureOf {
        today: NaiveDate,
    },
    BeforeTheAct {
        earliest: NaiveDate,
    },
    BeforeField {
        other: String,
    },
    BeforeDate {
        date: NaiveDate,
    },
    OccurredAfterAwareness,
    ReceivedBeforeAwareness,
    BeforePreliminary {
        received_on: NaiveDate,
    },
    BeforeComplaint {
        received_on: NaiveDate,
    },
    BeforeMeeting {
        number: i64,
        held_on: NaiveDate,
    },
    EndsInFuture,
    StepOutsideMediation {
        started_on: NaiveDate,
    },

    // Answers to report collections and attachments (API.md).
    /// Only a report collection (報告徴収) is answered.
    NotAReportCollection,
    /// The collection was completed: the entity's answers end there.
    CollectionCompleted {
        ended_on: NaiveDate,
    },
    StaffSetSubmittedOn,
    EmptyFile,
    /// Not a type the service accepts, judged from the content.
    FileType,
    FileTooLarge {
        limit: u64,
    },
    TooManyFiles {
        limit: u64,
    },
    /// A request past every file at its limit: reading stopped there.
    RequestTooLarge {
        limit: u64,
    },
    /// A `file` part without a file name.
    NotAFile,

    // Review and amendment (API.md "Review of reports").
    RevisionNeedsComment,
    DueOnlyForRevision,
    NotAmendable,
    NothingAmended,
    AwareAfterReceipt {
        received_on: NaiveDate,
    },

    // Reports (SPEC §3).
    StaffSetReceivedOn,
    StaffRecordDelegated,
    DelegatedOnlyAppi,
    BusinessUnderAppiPublic,
    NationalAgencyUnderAppi,
    OrdinanceSensitiveMisplaced,
    NetworkSystemMisplaced,
    PubliclyViewableMisplaced,
    ContractorIsReporter,
    PreliminaryNamesNone,
    ReportIsFinal {
        id: i64,
    },
    RegimeOfPreliminary {
        regime: Term,
    },
    OverrideNeedsReason,
    ReasonWithoutOverride,

    // The hotline (SPEC §6).
    ConsultationNotReferred,
    CategoryTwice {
        category: String,
    },
    CategoryOfOtherDesk {
        category: String,
        desk: Term,
    },
    CategoryNeeded {
        class: Term,
    },
    /// The desk was not open on the consultation's day (desks by period, SPEC.md §7a).
    DeskClosed {
        desk: Term,
        day: NaiveDate,
    },
    /// The desk on that day took no consultation of that class.
    ClassNotAtDesk {
        class: Term,
        desk: Term,
    },
    /// The category was not one of the desk's on that day.
    CategoryNotOn {
        category: String,
        desk: Term,
        day: NaiveDate,
    },
    /// A category's last day before its first.
    CategoryValidity,
    MediationNeedsComplaint {
        consultation: i64,
        class: Term,
    },
    OneMediationChange,
    DeclineReason,
    OutcomeRequired,
    ReasonOnlyWhenDeclined,
    OutcomeOnlyWhenClosed,

    // Accounts.
    ReporterNeedsOrganization,
    OrganizationOnlyForReporters,
    PasswordTooShort {
        min: u64,
    },
    /// A password a guesser tries first (zxcvbn's estimate, which knows the common ones).
    PasswordTooCommon,
    /// The current password given to change it is not the user's.
    PasswordWrong,
    /// The new password and its confirmation differ.
    PasswordsDiffer,
    /// A second-factor code that is not the current one, or was used already.
    TotpCodeWrong,
    /// Enrolment confirmed without having been started.
    TotpNotStarted,
    /// Enrolment started again while a second factor is on.
    TotpAlreadyEnabled,
    /// An admin disabling (or resetting) their own account.
    NotOnYourself,

    // Supervision (SPEC §4–5).
    NotCaseEntity {
        organization: i64,
        case: i64,
    },
    IncidentNotInCase {
        incident: i64,
        case: i64,
    },
    ComplianceNotRecorded,
    NoSuchPower {
        kind: Term,
        regime: Term,
        public_sector: bool,
    },
    MeetingRequired {
        kind: Term,
    },
    NotDelegable,
    /// An inspection type on an action other than a My Number on-site inspection.
    InspectionTypeOnlyForMyNumber,
    /// A regular inspection (番号利用法第29条の3第1項) of a body that is not of 行政機関の長等.
    RegularInspectionOfAdministrativeOrgans {
        kind: Term,
    },
    /// A safety-measures seminar under a law other than the My Number Act.
    SafetySeminarUnderMyNumber,
    /// A plan item naming both a body and a kind of body, or neither.
    BodyOrKind,
    /// A plan named by an action that is not a My Number on-site inspection.
    PlanOnlyForMyNumberInspection,
    /// A line of a plan's items, as the page's form writes them, that cannot be read; `part`:
    /// `parts`, `type`, `quarter` or `target`.
    PlanLine {
        line: u64,
        written: String,
        part: String,
    },
    ImminentHarmRequired,
    DueDateOnlyForCollection,

    // Refusals of a change as a whole (409); their codes are the wire's.
    AlreadyExists,
    MissingReference,
    IncidentComplete {
        reference: String,
        final_report: i64,
    },
    FiledConcurrently,
    IdempotencyKeyReused,
    CategoryExists {
        desk: Term,
        category: String,
        label: String,
    },
    MediationExists {
        consultation: i64,
    },
    MediationState {
        current: Term,
        next: Term,
    },
    MediationNotRunning {
        status: Term,
    },
    MediationNotEligible {
        reasons: Vec<String>,
    },
    EmailTaken {
        email: String,
    },
    AlreadyPublished {
        table: Term,
        period: String,
    },
    /// An erratum that corrects a figure to what was published.
    ErratumUnchanged,
    /// An erratum names a published table; this one is not published.
    NotPublished {
        table: Term,
        period: String,
    },
    OutboxState {
        id: i64,
        status: String,
    },
    EntityInCase {
        organization: i64,
        case: i64,
    },
    IncidentInCase {
        reference: String,
        case: i64,
    },
    MeetingExists {
        number: i64,
    },
    CorporateNumberTaken {
        organization: i64,
        number: String,
    },
    ImportRefused,
    /// A dry run's rows were all accepted, and rolled back as a dry run is.
    DryRun,
    // Of a file to import (`sheets`): the file as a whole, or one of its cells.
    /// The file's bytes are not text in the encoding named.
    NotInEncoding {
        encoding: String,
        line: usize,
    },
    /// The file's bytes are neither UTF-8 nor Shift_JIS.
    NeitherEncoding {
        line: usize,
    },
    /// A sheet was named for a file that is a CSV.
    SheetOfCsv,
    /// The file cannot be read as a CSV or a workbook (the reader's words).
    UnreadableFile {
        detail: String,
    },
    WorkbookTooLarge {
        mib: u64,
        most_mib: u64,
    },
    NoSuchSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    NoSheet,
    UnknownColumns {
        columns: Vec<String>,
    },
    ColumnTwice {
        column: String,
    },
    NoRows,
    /// A row the CSV reader could not read (the reader's words).
    UnreadableRow {
        detail: String,
    },
    /// A cell that holds a formula: never evaluated, and its saved value not taken.
    FormulaCell {
        formula: String,
    },
    /// A cell that holds an error value (`#N/A`).
    ErrorCell {
        error: String,
    },
    /// A cell that is not a date as offices write one.
    NotADateCell {
        cell: String,
    },
    /// A file's date cell written in an era the day is not in (`平成31年5月1日`): the day, and how
    /// the era in force on it writes it (`令和元年５月１日`).
    DateOutsideEra {
        cell: String,
        day: NaiveDate,
        label: String,
    },
    /// A file to import that is neither a CSV nor an XLSX workbook (judged from its content).
    NotASheet,
    /// A final report's `preliminary_row` that is not an earlier row accepted.
    NotAnEarlierRow {
        cell: String,
    },
    /// A file's cell naming an organization by a name no organization has.
    NoOrganizationNamed {
        name: String,
    },
    /// A file's cell naming an organization by a name several organizations have.
    OrganizationNameShared {
        name: String,
    },
    /// A final report of a downloaded file (with its incident's reference) whose preliminary
    /// report is neither in the file nor in the database.
    PreliminaryNotInFile {
        reference: String,
    },
    OrderNeedsRecommendation {
        unheeded_candidate: Option<i64>,
    },

    // The public registers (API.md "Version 3", Registers).
    /// An item the amended Act requires of a notification submitted from `since`.
    RequiredFromAmendedAct {
        since: NaiveDate,
    },
    /// A notification whose withdrawal has been filed takes no further filing.
    NotificationWithdrawn {
        withdrawn_on: NaiveDate,
    },
    /// An accepted notification is changed by a change filing (変更届), not amended.
    AmendAcceptedNotification,
    /// A change filing (変更届) is for a notification accepted and not under review.
    ChangeNeedsAcceptance,
    /// A decision on a filing that is not awaiting one.
    NotAwaitingReview {
        status: Term,
    },
    /// A campaign that did not ask this notification.
    NotAsked,
    /// A campaign's question answered already.
    AlreadyAnswered {
        answered_on: NaiveDate,
        outcome: Term,
    },
    /// An accreditation day after the body's revocation.
    AfterRevocation {
        revoked_on: NaiveDate,
    },
    /// A body whose accreditation was revoked.
    AccreditationRevoked {
        revoked_on: NaiveDate,
    },
    /// A body's guideline of a version it has already.
    GuidelineVersionHeld {
        version: String,
        published_on: NaiveDate,
    },

    // My Number oversight: periodic reports, assessments, agendas.
    /// A questionnaire item's code that is not 1–20 letters, digits, `-`, `_` or `.`.
    QuestionCode,
    /// Two items of a questionnaire with one code.
    QuestionCodeRepeated {
        code: String,
    },
    /// Answers to items the questionnaire does not ask.
    UnknownQuestions {
        codes: Vec<String>,
    },
    /// A report submitted with items unanswered.
    Unanswered {
        codes: Vec<String>,
    },
    /// A questionnaire for a fiscal year that has one already.
    QuestionnaireExists {
        fiscal_year: i32,
        questionnaire: i64,
    },
    /// A periodic report of a body that is not a public body (番号利用法第29条の3第2項).
    NotPeriodicReporter {
        kind: Term,
    },
    /// A hearing recorded without the bodies or persons it heard.
    HearingHeardWhom,
    /// A file's cell of answers that cannot be read.
    AnswersCell {
        written: String,
    },
    /// A body's second report to one questionnaire.
    PeriodicReportExists {
        report: i64,
    },
    /// A report submitted already, submitted again.
    AlreadySubmitted {
        submitted_on: NaiveDate,
    },
    /// A draft reviewed before it is submitted.
    NotSubmitted,
    /// An accepted report amended.
    AmendAccepted,
    /// An approval of an assessment that is not a full one (全項目評価).
    ApprovalOfFullAssessment {
        level: Term,
    },
    /// An approval of a body that is not of 行政機関の長等 (番号利用法第28条第2項).
    ApprovalOfAdministrativeOrgans {
        kind: Term,
    },
    /// A change to an assessment a newer one of the same task has superseded.
    Superseded {
        by: i64,
    },
    /// An assessment approved or published already.
    AlreadyRecorded {
        on: NaiveDate,
    },
    /// An agenda item naming a record that does not exist.
    NoSuchAgendaRecord {
        kind: Term,
        id: i64,
    },
    /// An agenda item kept by an id the meeting's agenda does not hold.
    NoSuchAgendaItem {
        id: i64,
    },

    // The staff's work.
    /// A record is assigned to an enabled staff or admin user only.
    NotStaff {
        id: i64,
    },
    /// A note mentions, and a form names, an enabled staff or admin user only.
    NotStaffEmail {
        email: String,
    },
    /// A note corrects a note of the same record.
    NotThisRecordsNote {
        id: i64,
    },
}

impl Refusal {
    /// The refusal's stable code. For a refusal of a change (409) it is the wire's `code`;
    /// several refusals share a code where the contract gives one.
    pub fn code(&self) -> &'static str {
        match self {
            Self::FiledConcurrently | Self::AlreadyExists => "already_exists",
            Self::EntityInCase { .. } | Self::IncidentInCase { .. } => "already_in_case",
            Self::MediationState { .. } | Self::MediationNotRunning { .. } => "mediation_state",
            Self::NoSuchPower { .. } => "no_such_power",
            Self::InFuture | Self::InFutureOf { .. } | Self::EndsInFuture => "future_date",
            Self::BeforeField { .. } => "dates_out_of_order",
            Self::DueDateOnlyForCollection => "no_due_date",
            other => other.into(),
        }
    }

    /// The refusal's text in `lang`: its message (`locales/<lang>/*.ftl`, named by the
    /// variant: `no_such_record`) with its parameters as the message's variables.
    pub fn text(&self, lang: Lang) -> String {
        let catalog = messages::catalog();
        let parameters = match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(parameters)) => parameters,
            _ => serde_json::Map::new(),
        };
        let args = catalog.args(lang, &parameters);
        catalog.text(lang, self.message_id(), Some(&args))
    }

    pub fn en(&self) -> String {
        self.text(Lang::En)
    }

    pub fn ja(&self) -> String {
        self.text(Lang::Ja)
    }

    /// The name of the refusal's message: its variant's (a select cannot test a text for being
    /// empty, so an unreadable value without the parser's words has a message of its own).
    pub fn message_id(&self) -> &'static str {
        match self {
            Self::Unreadable { detail } if detail.is_empty() => "unreadable-empty",
            other => other.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::*;

    fn has_japanese(text: &str) -> bool {
        text.chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
    }

    #[test]
    fn every_refusal_has_an_english_and_a_japanese_text() {
        for refusal in Refusal::iter() {
            let (en, ja) = (refusal.en(), refusal.ja());
            assert!(!en.is_empty(), "{refusal:?} has no English text");
            assert!(has_japanese(&ja), "{refusal:?} has no Japanese text: {ja}");
            assert_ne!(en, ja, "{refusal:?}");
        }
    }

    #[test]
    fn change_refusals_keep_their_wire_codes() {
        // API.md's 409 codes: a renamed variant must not change them.
        let codes = [
            (Refusal::AlreadyExists, "already_exists"),
            (Refusal::FiledConcurrently, "already_exists"),
            (Refusal::MissingReference, "missing_reference"),
            (
                Refusal::IncidentComplete {
                    reference: String::new(),
                    final_report: 1,
                },
                "incident_complete",
            ),
            (Refusal::IdempotencyKeyReused, "idempotency_key_reused"),
            (
                Refusal::CategoryExists {
                    desk: Term::default(),
                    category: String::new(),
                    label: String::new(),
                },
                "category_exists",
            ),
            (
                Refusal::MediationExists { consultation: 1 },
                "mediation_exists",
            ),
            (
                Refusal::MediationState {
                    current: Term::default(),
                    next: Term::default(),
                },
                "mediation_state",
            ),
            (
                Refusal::MediationNotRunning {
                    status: Term::default(),
                },
                "mediation_state",
            ),
            (
                Refusal::MediationNotEligible {
                    reasons: Vec::new(),
                },
                "mediation_not_eligible",
            ),
            (
                Refusal::EmailTaken {
                    email: String::new(),
                },
                "email_taken",
            ),
            (
                Refusal::AlreadyPublished {
                    table: Term::default(),
                    period: String::new(),
                },
                "already_published",
            ),
            (
                Refusal::OutboxState {
                    id: 1,
                    status: String::new(),
                },
                "outbox_state",
            ),
            (
                Refusal::EntityInCase {
                    organization: 1,
                    case: 1,
                },
                "already_in_case",
            ),
            (
                Refusal::IncidentInCase {
                    reference: String::new(),
                    case: 1,
                },
                "already_in_case",
            ),
            (Refusal::MeetingExists { number: 1 }, "meeting_exists"),
            (Refusal::TotpNotStarted, "totp_not_started"),
            (Refusal::TotpAlreadyEnabled, "totp_already_enabled"),
            (Refusal::NotOnYourself, "not_on_yourself"),
            (
                Refusal::CorporateNumberTaken {
                    organization: 1,
                    number: String::new(),
                },
                "corporate_number_taken",
            ),
            (
                Refusal::OrderNeedsRecommendation {
                    unheeded_candidate: None,
                },
                "order_needs_recommendation",
            ),
        ];
        for (refusal, code) in codes {
            assert_eq!(refusal.code(), code, "{refusal:?}");
        }
    }

    #[test]
    fn japanese_is_chosen_only_when_preferred() {
        assert_eq!(Lang::from_accept_language(Some("ja")), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("ja-JP,en;q=0.5")), Lang::Ja);
        assert_eq!(Lang::from_accept_language(Some("en,ja;q=0.5")), Lang::En);
        assert_eq!(Lang::from_accept_language(Some("fr")), Lang::En);
        assert_eq!(Lang::from_accept_language(None), Lang::En);
    }
}
