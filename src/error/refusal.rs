//! Every reason the service refuses a value or a change, as a code with its parameters, and its
//! texts in English (the API's default) and Japanese (`Accept-Language: ja`, and every page).
//! Rules of law decide *whether* to refuse in `domain/`; this file only says it in two languages.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A language a refusal is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The language an `Accept-Language` header prefers among the two the service writes;
    /// English when it names neither.
    pub fn from_accept_language(header: Option<&str>) -> Self {
        // Most preferred first; the first of ours decides (`ja-JP` is Japanese).
        let preferred = header.map(accept_language::parse).unwrap_or_default();
        let primary = |tag: &String| tag.split('-').next().unwrap_or_default().to_lowercase();
        match preferred
            .iter()
            .map(primary)
            .find(|tag| tag == "ja" || tag == "en")
            .as_deref()
        {
            Some("ja") => Self::Ja,
            _ => Self::En,
        }
    }
}

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
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Action,
    Attachment,
    Case,
    Consultation,
    Incident,
    Mediation,
    #[default]
    Organization,
    OutboxMessage,
    Page,
    PendingImport,
    Record,
    Report,
    Resource,
    Response,
    Statistics,
}

impl Missing {
    /// The record's name in `lang`.
    pub fn noun(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Self::Action) => "action",
            (Lang::En, Self::Attachment) => "attachment",
            (Lang::En, Self::Response) => "answer",
            (Lang::En, Self::Case) => "case",
            (Lang::En, Self::Consultation) => "consultation",
            (Lang::En, Self::Incident) => "incident",
            (Lang::En, Self::Mediation) => "mediation",
            (Lang::En, Self::Organization) => "organization",
            (Lang::En, Self::OutboxMessage) => "outbox message",
            (Lang::En, Self::Page) => "page",
            (Lang::En, Self::PendingImport) => "file awaiting import",
            (Lang::En, Self::Record) => "record",
            (Lang::En, Self::Report) => "report",
            (Lang::En, Self::Resource) => "resource",
            (Lang::En, Self::Statistics) => "published statistics",
            (Lang::Ja, Self::Action) => "監督措置",
            (Lang::Ja, Self::Attachment) => "添付ファイル",
            (Lang::Ja, Self::Response) => "回答",
            (Lang::Ja, Self::Case) => "事案",
            (Lang::Ja, Self::Consultation) => "相談",
            (Lang::Ja, Self::Incident) => "事態",
            (Lang::Ja, Self::Mediation) => "あっせん",
            (Lang::Ja, Self::Organization) => "組織",
            (Lang::Ja, Self::OutboxMessage) => "送信メッセージ",
            (Lang::Ja, Self::Page) => "ページ",
            (Lang::Ja, Self::PendingImport) => "取り込み待ちのファイル",
            (Lang::Ja, Self::Record) => "記録",
            (Lang::Ja, Self::Report) => "報告",
            (Lang::Ja, Self::Resource) => "リソース",
            (Lang::Ja, Self::Statistics) => "公表された統計",
        }
    }

    pub(super) fn not_found(self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("{} not found", self.noun(lang)),
            Lang::Ja => format!("{}が見つかりません", self.noun(lang)),
        }
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
    OrderNeedsRecommendation {
        unheeded_candidate: Option<i64>,
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

    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ja => self.ja(),
        }
    }

    pub fn en(&self) -> String {
        match self {
            Self::Required => "is required".into(),
            Self::UnknownField => "is not a known field".into(),
            Self::DuplicateField => "is given more than once".into(),
            Self::WrongType {
                unexpected,
                expected,
            } => format!("invalid type: {unexpected}, expected {expected}"),
            Self::WrongValue {
                unexpected,
                expected,
            } => format!("invalid value: {unexpected}, expected {expected}"),
            Self::UnknownVariant { given, expected } => format!(
                "unknown variant `{given}`, expected one of {}",
                quoted(expected)
            ),
            Self::Unreadable { detail } if detail.is_empty() => "is not readable".into(),
            Self::Unreadable { detail } => detail.clone(),
            Self::NotAnObject => "must be a JSON object".into(),
            Self::NotANumber => "must be a whole number".into(),
            Self::NotADate => "must be a date written as YYYY-MM-DD".into(),
            Self::Length { min, max } => match (min, max) {
                (Some(min), Some(max)) => format!("must be {min} to {max} characters long"),
                (Some(min), None) => format!("must be at least {min} characters long"),
                (None, Some(max)) => format!("must be at most {max} characters long"),
                (None, None) => "has an invalid length".into(),
            },
            Self::Range { min, max } => match (min, max) {
                (Some(min), Some(max)) => format!("must be between {min} and {max}"),
                (Some(min), None) => format!("must be at least {min}"),
                (None, Some(max)) => format!("must be at most {max}"),
                (None, None) => "is out of range".into(),
            },
            Self::Email => "must be an e-mail address".into(),
            Self::Blank => "must not be blank".into(),
            Self::SearchTermTooShort { term, min } => {
                format!("each word must be at least {min} characters long ({term:?} is shorter)")
            }
            Self::SearchTermCount { max } => format!("may hold at most {max} words"),
            Self::ControlCharacters => "must not contain control characters".into(),
            Self::TooLarge => "is too large".into(),
            Self::DataItemCount { min, max } => format!("must list {min} to {max} kinds of data"),
            Self::DataItemText => {
                "each item must be non-blank text without control characters".into()
            }
            Self::DataItemTooLong { max } => {
                format!("each item must be at most {max} characters long")
            }
            Self::CategoryCount { max } => format!("must list at most {max} categories"),
            Self::CategoryCode => "must be 1 to 64 characters of a-z, 0-9 and _".into(),
            Self::OutboxStatus => "must be pending, sending, sent or failed".into(),
            Self::CorporateNumberDigits => "must be exactly 13 digits".into(),
            Self::CorporateNumberCheckDigit { expected } => {
                format!("check digit does not match (expected {expected})")
            }
            Self::Prefecture => {
                "must be one of the 47 prefectures, written as 東京都, 大阪府, 北海道, 青森県 …"
                    .into()
            }
            Self::IdempotencyKey => "must be 1 to 255 visible ASCII characters".into(),
            Self::PeriodFormat => {
                "must be FY<year>, FY<year>-H1/H2 or FY<year>-Q1…Q4 (e.g. FY2019-H1)".into()
            }
            Self::PeriodYears => "the period must lie within fiscal years 1989 to 2200".into(),
            Self::PeriodOrder => "`to` must not be before `from`".into(),
            Self::PeriodRequired => "is required (e.g. FY2019-H1), or give from and to".into(),
            Self::PeriodOrRange => "give period, or from and to, not both".into(),
            Self::RequiredWith { other } => format!("is required with {other}"),
            Self::OneOf { other } => format!("give either this or {other}, not both"),
            Self::NoSuchRecord { record, id } => {
                format!("no {} has id {id}", record.noun(Lang::En))
            }
            Self::NoReportOfOrganization { id } => {
                format!("this organization has no report with id {id}")
            }
            Self::NoMeeting { number } => {
                format!("no Commission meeting numbered {number} is recorded")
            }
            Self::NoSuchReference { reference } => {
                format!("no incident has the reference {reference} (e.g. LR-2026-000123)")
            }
            Self::NoUser { email } => format!("no user has e-mail {email}"),
            Self::InFuture => "must not be in the future".into(),
            Self::InFutureOf { today } => format!("must not be in the future (today is {today})"),
            Self::BeforeTheAct { earliest } => {
                format!("must not be before {earliest}, when the Act took full effect")
            }
            Self::BeforeField { other } => format!("must not be before {other}"),
            Self::BeforeDate { date } => format!("must not be before {date}"),
            Self::OccurredAfterAwareness => "must not be after aware_on".into(),
            Self::ReceivedBeforeAwareness => {
                "must not be before aware_on: a report cannot precede awareness".into()
            }
            Self::BeforePreliminary { received_on } => {
                format!("must not be before the preliminary report's ({received_on})")
            }
            Self::BeforeComplaint { received_on } => {
                format!("must not be before the complaint was received ({received_on})")
            }
            Self::BeforeMeeting { number, held_on } => {
                format!("must not be before meeting {number} that decided it ({held_on})")
            }
            Self::EndsInFuture => "a completed action cannot end in the future".into(),
            Self::StepOutsideMediation { started_on } => {
                format!("must lie between the start ({started_on}) and today")
            }
            Self::NotAReportCollection => "only a report collection is answered".into(),
            Self::CollectionCompleted { ended_on } => {
                format!("the report collection was completed on {ended_on}; ask the Commission's staff")
            }
            Self::StaffSetSubmittedOn => {
                "only staff set submitted_on, to record an answer received on paper".into()
            }
            Self::EmptyFile => "the file is empty (0 bytes)".into(),
            Self::FileType => "is not an accepted type (PDF, PNG, JPEG, DOCX, XLSX, PPTX, or text/CSV in UTF-8 or Shift_JIS), judged from its content".into(),
            Self::FileTooLarge { limit } => format!("is larger than {limit} bytes"),
            Self::TooManyFiles { limit } => format!("at most {limit} files a request"),
            Self::RequestTooLarge { limit } => {
                format!("the request is larger than {limit} bytes; reading stopped there")
            }
            Self::NotAFile => "must be a file with a name".into(),
            Self::RevisionNeedsComment => {
                "a revision request says what to correct (comment)".into()
            }
            Self::DueOnlyForRevision => "a due date goes with a revision request only".into(),
            Self::NotAmendable => {
                "cannot be changed by an amendment; file a new report instead".into()
            }
            Self::NothingAmended => "the amendment changes no field of the report".into(),
            Self::AwareAfterReceipt { received_on } => {
                format!("must not be after the report was received ({received_on})")
            }
            Self::StaffSetReceivedOn => "only staff set received_on, to enter past records".into(),
            Self::StaffRecordDelegated => {
                "only staff record a report received through a delegated minister".into()
            }
            Self::DelegatedOnlyAppi => {
                "only appi reports reach the Commission through a delegated minister (法第150条)"
                    .into()
            }
            Self::BusinessUnderAppiPublic => {
                "a business reports under appi (private sector), not appi_public".into()
            }
            Self::NationalAgencyUnderAppi => {
                "a national administrative organ reports under appi_public, not appi".into()
            }
            Self::OrdinanceSensitiveMisplaced => {
                "applies only to local governments reporting under appi_public".into()
            }
            Self::NetworkSystemMisplaced => "applies only to my_number reports".into(),
            Self::PubliclyViewableMisplaced => {
                "is a my_number ground; under appi, describe it in the summary".into()
            }
            Self::ContractorIsReporter => {
                "must be another organization than the one reporting".into()
            }
            Self::PreliminaryNamesNone => {
                "only a final report names the preliminary report it completes".into()
            }
            Self::ReportIsFinal { id } => format!("report {id} is itself a final report"),
            Self::RegimeOfPreliminary { regime } => {
                format!(
                    "must be {} like the preliminary report it completes",
                    regime.code
                )
            }
            Self::OverrideNeedsReason => {
                "is required: say why the classification is overridden".into()
            }
            Self::ReasonWithoutOverride => {
                "goes with an override; to clear one, send mandatory: null alone".into()
            }
            Self::ConsultationNotReferred => {
                "only a consultation passed to supervision (referred_to_supervision) joins a case"
                    .into()
            }
            Self::CategoryTwice { category } => format!("{category} is listed twice"),
            Self::CategoryOfOtherDesk { category, desk } => {
                format!("{category} is not a category of the {} desk", desk.code)
            }
            Self::CategoryNeeded { class } => {
                format!("a {} names at least one category of its desk", class.code)
            }
            Self::MediationNeedsComplaint {
                consultation,
                class,
            } => format!(
                "mediation arises from a complaint; consultation {consultation} is a {}",
                class.code
            ),
            Self::OneMediationChange => {
                "give exactly one of started_on, declined_on (with reason) or closed_on (with outcome)"
                    .into()
            }
            Self::DeclineReason => "say why the mediation is declined".into(),
            Self::OutcomeRequired => "is required: resolved, unresolved or withdrawn".into(),
            Self::ReasonOnlyWhenDeclined => "goes with declined_on".into(),
            Self::OutcomeOnlyWhenClosed => "goes with closed_on".into(),
            Self::ReporterNeedsOrganization => "a reporter must belong to an organization".into(),
            Self::OrganizationOnlyForReporters => {
                "only reporters belong to an organization; staff and admins do not".into()
            }
            Self::PasswordTooShort { min } => format!("must be at least {min} characters long"),
            Self::PasswordTooCommon => {
                "is too easy to guess (a common password, or close to one)".into()
            }
            Self::PasswordWrong => "is not your current password".into(),
            Self::PasswordsDiffer => "is not the same as the new password".into(),
            Self::TotpCodeWrong => {
                "is not the code your authenticator shows now, or was used already".into()
            }
            Self::TotpNotStarted => "no enrolment of a second factor was started".into(),
            Self::TotpAlreadyEnabled => {
                "a second factor is on already; an admin resets it before another".into()
            }
            Self::NotOnYourself => "an admin cannot do this to their own account".into(),
            Self::NotCaseEntity { organization, case } => format!(
                "organization {organization} is not an entity of case {case}; add it to the case first"
            ),
            Self::IncidentNotInCase { incident, case } => {
                format!("incident {incident} is not part of case {case}")
            }
            Self::ComplianceNotRecorded => "is recorded for recommendations and orders only".into(),
            Self::NoSuchPower {
                kind,
                regime,
                public_sector,
            } => format!(
                "the law gives the Commission no {} power under {} ({})",
                kind.code,
                regime.code,
                if *public_sector {
                    "the public sector has no order powers"
                } else {
                    "publication of non-compliance exists only under appi"
                }
            ),
            Self::MeetingRequired { kind } => {
                format!(
                    "the {} must name the Commission meeting that decided it",
                    kind.code
                )
            }
            Self::NotDelegable => {
                "only appi report collections and on-site inspections are delegated to ministers (法第150条)"
                    .into()
            }
            Self::ImminentHarmRequired => {
                "an appi order needs the finding that serious harm to individuals' rights is imminent (法第148条第2項)"
                    .into()
            }
            Self::DueDateOnlyForCollection => "only a report collection has a due date".into(),
            Self::AlreadyExists => "a record with the same unique value already exists".into(),
            Self::MissingReference => "the change refers to a record that does not exist".into(),
            Self::IncidentComplete {
                reference,
                final_report,
            } => format!(
                "incident {reference} already has its final report (report {final_report})"
            ),
            Self::FiledConcurrently => {
                "a report completing this incident was filed at the same moment".into()
            }
            Self::IdempotencyKeyReused => {
                "this Idempotency-Key was used for a different request; use a new key".into()
            }
            Self::CategoryExists {
                desk,
                category,
                label,
            } => {
                format!(
                    "the {} desk already has a category {category} or {label}",
                    desk.code
                )
            }
            Self::MediationExists { consultation } => {
                format!("consultation {consultation} already has a mediation application")
            }
            Self::MediationState { current, next } => {
                format!(
                    "a mediation that is {} cannot become {}",
                    current.code, next.code
                )
            }
            Self::MediationNotRunning { status } => {
                format!(
                    "steps are recorded while a mediation runs; this one is {}",
                    status.code
                )
            }
            Self::MediationNotEligible { reasons } => {
                format!("mediation cannot start: {}", reasons.join("; "))
            }
            Self::EmailTaken { email } => format!("a user with e-mail {email} already exists"),
            Self::AlreadyPublished { table, period } => {
                format!("the {} figures of {period} are already published", table.code)
            }
            Self::OutboxState { id, status } => format!(
                "message {id} is {status}; only waiting or failed messages are retried"
            ),
            Self::EntityInCase { organization, case } => {
                format!("organization {organization} is already an entity of case {case}")
            }
            Self::IncidentInCase { reference, case } => {
                format!("incident {reference} is already part of case {case}")
            }
            Self::MeetingExists { number } => format!("meeting {number} is already recorded"),
            Self::CorporateNumberTaken {
                organization,
                number,
            } => format!("organization {organization} already has corporate number {number}"),
            Self::ImportRefused => "rows were refused".into(),
            Self::DryRun => "a dry run writes nothing".into(),
            Self::NotInEncoding { encoding, line } => format!(
                "line {line} is not {encoding}; save the file as UTF-8 or Shift_JIS (CP932), or name its encoding"
            ),
            Self::NeitherEncoding { line } => format!(
                "line {line} is neither UTF-8 nor Shift_JIS (CP932); name the file's encoding"
            ),
            Self::SheetOfCsv => {
                "a sheet is named for an XLSX workbook; this file is a CSV".into()
            }
            Self::UnreadableFile { detail } => format!("the file cannot be read: {detail}"),
            Self::WorkbookTooLarge { mib, most_mib } => format!(
                "the workbook expands to {mib} MiB, more than the {most_mib} MiB a workbook may hold"
            ),
            Self::NoSuchSheet { wanted, sheets } => format!(
                "the workbook has no sheet {wanted}; its sheets: {}",
                sheets.join(", ")
            ),
            Self::NoSheet => "the workbook has no sheet".into(),
            Self::UnknownColumns { columns } => format!(
                "unknown column(s): {}; the columns are the record's field names or its form's labels",
                columns.join(", ")
            ),
            Self::ColumnTwice { column } => format!("column {column} appears twice"),
            Self::NoRows => "the file has a header but no rows".into(),
            Self::UnreadableRow { detail } => format!("unreadable: {detail}"),
            Self::FormulaCell { formula } => {
                format!("a formula (={formula}) is not read; enter its value")
            }
            Self::ErrorCell { error } => format!("the cell holds an error ({error})"),
            Self::NotADateCell { cell } => format!(
                "{cell} is not a date (YYYY-MM-DD, YYYY/MM/DD, 令和元年10月1日 or R1.10.1)"
            ),
            Self::DateOutsideEra { cell, day, label } => {
                format!("{cell} is not a day of its era: that day ({day}) is {label}")
            }
            Self::NotAnEarlierRow { cell } => {
                format!("{cell} is not an earlier row that was accepted")
            }
            Self::NotASheet => {
                "is not a CSV file or an XLSX workbook (judged from its content)".into()
            }
            Self::OrderNeedsRecommendation { unheeded_candidate } => match unheeded_candidate {
                None => "an order needs an earlier recommendation to the same entity (法第148条第2項; 番号法第34条第2項)".into(),
                Some(id) => format!(
                    "an order needs an earlier recommendation that was not complied with; mark recommendation {id} complied: false first"
                ),
            },
        }
    }

    pub fn ja(&self) -> String {
        match self {
            Self::Required => "必須項目です".into(),
            Self::UnknownField => "この項目は受け付けていません".into(),
            Self::DuplicateField => "同じ項目が複数回送信されています".into(),
            Self::WrongType { .. } | Self::WrongValue { .. } | Self::Unreadable { .. } => {
                "形式が正しくありません".into()
            }
            Self::UnknownVariant { expected, .. } => {
                format!("次のいずれかを指定してください：{}", expected.join("、"))
            }
            Self::NotAnObject => "JSON のオブジェクトで送信してください".into(),
            Self::NotANumber => "数字（半角）で入力してください".into(),
            Self::NotADate => "日付を 2025-04-01 の形式で入力してください".into(),
            Self::Length { min, max } => match (min, max) {
                (Some(min), Some(max)) => format!("{min}文字以上{max}文字以内で入力してください"),
                (Some(min), None) => format!("{min}文字以上で入力してください"),
                (None, Some(max)) => format!("{max}文字以内で入力してください"),
                (None, None) => "長さが正しくありません".into(),
            },
            Self::Range { min, max } => match (min, max) {
                (Some(min), Some(max)) => format!("{min}から{max}までの値を指定してください"),
                (Some(min), None) => format!("{min}以上の値を指定してください"),
                (None, Some(max)) => format!("{max}以下の値を指定してください"),
                (None, None) => "値が範囲外です".into(),
            },
            Self::Email => "メールアドレスの形式で入力してください".into(),
            Self::Blank => "空欄にはできません".into(),
            Self::SearchTermTooShort { term, min } => {
                format!("検索語は{min}文字以上で入力してください（「{term}」が短すぎます）")
            }
            Self::SearchTermCount { max } => format!("検索語は{max}語までです"),
            Self::ControlCharacters => "制御文字は使えません".into(),
            Self::TooLarge => "大きすぎます".into(),
            Self::DataItemCount { min, max } => {
                format!("１行に１項目ずつ、{min}〜{max}項目を入力してください")
            }
            Self::CategoryCount { max } => format!("分類は{max}件までです"),
            Self::DataItemText => "各項目は、空欄や制御文字を含まない文字で入力してください".into(),
            Self::DataItemTooLong { max } => format!("各項目は{max}文字以内で入力してください"),
            Self::CategoryCode => "半角の英小文字・数字・_ で1〜64文字にしてください".into(),
            Self::OutboxStatus => "pending、sending、sent、failed のいずれかです".into(),
            Self::CorporateNumberDigits => "法人番号は13桁の数字です".into(),
            Self::CorporateNumberCheckDigit { expected } => {
                format!("法人番号のチェックデジットが一致しません（正しくは {expected}）")
            }
            Self::Prefecture => {
                "47都道府県のいずれかを「東京都」「大阪府」「北海道」「青森県」のように入力してください"
                    .into()
            }
            Self::IdempotencyKey => "半角の英数字・記号で1〜255文字にしてください".into(),
            Self::PeriodFormat => {
                "期間は FY2019、FY2019-H1、FY2019-Q1 のように指定してください".into()
            }
            Self::PeriodYears => "期間は1989年度から2200年度までです".into(),
            Self::PeriodOrder => "終了は開始より前にできません".into(),
            Self::PeriodRequired => {
                "期間（例: FY2019-H1）か、開始と終了を指定してください".into()
            }
            Self::PeriodOrRange => "期間か、開始と終了か、どちらか一方を指定してください".into(),
            Self::RequiredWith { other } => format!("{other} と一緒に指定してください"),
            Self::OneOf { other } => format!("この欄と「{other}」のどちらか一方だけを入力してください"),
            Self::NoSuchRecord { record, id } => {
                format!("ID {id} の{}はありません", record.noun(Lang::Ja))
            }
            Self::NoReportOfOrganization { id } => {
                format!("この組織には ID {id} の報告はありません")
            }
            Self::NoMeeting { number } => format!("第{number}回の委員会は記録されていません"),
            Self::NoSuchReference { reference } => {
                format!("受付番号 {reference} の漏えい等事案はありません（例：LR-2026-000123）")
            }
            Self::NoUser { email } => format!("メールアドレス {email} の利用者はいません"),
            Self::InFuture => "未来の日付は指定できません".into(),
            Self::InFutureOf { today } => {
                format!("未来の日付は指定できません（今日は {today}）")
            }
            Self::BeforeTheAct { earliest } => {
                format!("法の全面施行日（{earliest}）より前の日付は指定できません")
            }
            Self::BeforeField { other } => {
                format!("日付の前後関係が正しくありません（{other} より前にできません）")
            }
            Self::BeforeDate { date } => format!("{date} より前の日付は指定できません"),
            Self::OccurredAfterAwareness => {
                "発生日は、事態を知った日より後にできません".into()
            }
            Self::ReceivedBeforeAwareness => {
                "受付日は、事態を知った日より前にできません".into()
            }
            Self::BeforePreliminary { received_on } => {
                format!("速報の受付日（{received_on}）より前にできません")
            }
            Self::BeforeComplaint { received_on } => {
                format!("苦情の受付日（{received_on}）より前にできません")
            }
            Self::BeforeMeeting { number, held_on } => {
                format!("決定した第{number}回委員会（{held_on}）より前にできません")
            }
            Self::EndsInFuture => "完了した措置の終了日は未来にできません".into(),
            Self::StepOutsideMediation { started_on } => {
                format!("あっせん開始日（{started_on}）から今日までの日付にしてください")
            }
            Self::RevisionNeedsComment => {
                "補正依頼には、補正してほしい内容をコメントに書いてください".into()
            }
            Self::DueOnlyForRevision => "期限は補正依頼にだけ指定できます".into(),
            Self::NotAReportCollection => "回答できるのは報告徴収だけです".into(),
            Self::CollectionCompleted { ended_on } => {
                format!("この報告徴収は {ended_on} に完了しています。委員会事務局にお問い合わせください")
            }
            Self::StaffSetSubmittedOn => {
                "提出日は、書面で受け付けた回答を職員が記録するときだけ指定できます".into()
            }
            Self::EmptyFile => "ファイルが空です（0 バイト）".into(),
            Self::FileType => "受け付けられない種類のファイルです（PDF、PNG、JPEG、Word・Excel・PowerPoint（.docx・.xlsx・.pptx）、UTF-8 かシフト JIS のテキスト・CSV に限ります。種類は内容から判定します）".into(),
            Self::FileTooLarge { limit } => {
                format!("ファイルが大きすぎます（1 ファイル {} MiB まで）", limit >> 20)
            }
            Self::TooManyFiles { limit } => format!("一度に添付できるのは {limit} ファイルまでです"),
            Self::RequestTooLarge { limit } => {
                format!("送信内容が大きすぎます（{} MiB まで）", limit >> 20)
            }
            Self::NotAFile => "ファイルを選んでください".into(),
            Self::NotAmendable => {
                "補正では変更できません。新しい報告として提出してください".into()
            }
            Self::NothingAmended => "報告の内容が何も変わっていません".into(),
            Self::AwareAfterReceipt { received_on } => {
                format!("報告の受付日（{received_on}）より後の日付にはできません")
            }
            Self::StaffSetReceivedOn => {
                "受付日は職員だけが指定できます（過去の記録の入力用）".into()
            }
            Self::StaffRecordDelegated => {
                "事業所管大臣経由の受付は職員だけが記録できます".into()
            }
            Self::DelegatedOnlyAppi => {
                "事業所管大臣を経由するのは個人情報保護法（民間部門）の報告だけです（法第150条）"
                    .into()
            }
            Self::BusinessUnderAppiPublic => {
                "事業者は個人情報保護法（民間部門）で報告します".into()
            }
            Self::NationalAgencyUnderAppi => {
                "国の行政機関は個人情報保護法（公的部門）で報告します".into()
            }
            Self::OrdinanceSensitiveMisplaced => {
                "条例要配慮個人情報は、公的部門で報告する地方公共団体だけに当てはまります".into()
            }
            Self::NetworkSystemMisplaced => "番号法の報告だけに当てはまります".into(),
            Self::PubliclyViewableMisplaced => {
                "番号法の要件です。個人情報保護法の報告では概要に書いてください".into()
            }
            Self::ContractorIsReporter => "報告する組織とは別の組織を指定してください".into(),
            Self::PreliminaryNamesNone => "速報を指定するのは確報だけです".into(),
            Self::ReportIsFinal { id } => format!("報告 {id} は確報です"),
            Self::RegimeOfPreliminary { regime } => {
                format!("確報の法令は速報と同じ{}にしてください", regime.ja)
            }
            Self::OverrideNeedsReason => "判定を変更する理由を入力してください".into(),
            Self::ReasonWithoutOverride => {
                "理由は判定を変更するときだけ入力します（変更を取り消すときは不要です）".into()
            }
            Self::ConsultationNotReferred => {
                "事案に加えられるのは監督部門へ回付した相談だけです".into()
            }
            Self::CategoryTwice { category } => format!("{category} が重複しています"),
            Self::CategoryOfOtherDesk { category, desk } => {
                format!("{category} は{}窓口の分類ではありません", desk.ja)
            }
            Self::CategoryNeeded { class } => {
                format!("{}には窓口の分類を1つ以上指定してください", class.ja)
            }
            Self::MediationNeedsComplaint {
                consultation,
                class,
            } => format!(
                "あっせんは苦情から始まります（相談 {consultation} は{}）",
                class.ja
            ),
            Self::OneMediationChange => {
                "開始日、不実施の日（理由付き）、終了日（結果付き）のいずれか1つを指定してください"
                    .into()
            }
            Self::DeclineReason => "あっせんを実施しない理由を入力してください".into(),
            Self::OutcomeRequired => {
                "結果（解決・不調・取下げ）を指定してください".into()
            }
            Self::ReasonOnlyWhenDeclined => "理由は不実施のときだけ入力します".into(),
            Self::OutcomeOnlyWhenClosed => "結果は終了のときだけ指定します".into(),
            Self::ReporterNeedsOrganization => "報告者はいずれかの組織に属します".into(),
            Self::OrganizationOnlyForReporters => {
                "組織に属するのは報告者だけです（職員・管理者は属しません）".into()
            }
            Self::PasswordTooShort { min } => format!("{min}文字以上にしてください"),
            Self::PasswordTooCommon => {
                "推測されやすいパスワードです（よく使われるパスワード又はそれに近いもの）".into()
            }
            Self::PasswordWrong => "現在のパスワードが正しくありません".into(),
            Self::PasswordsDiffer => "新しいパスワードと一致しません".into(),
            Self::TotpCodeWrong => {
                "確認コードが正しくないか、すでに使われています。認証アプリに表示されている最新のコードを入力してください".into()
            }
            Self::TotpNotStarted => "二要素認証の登録が開始されていません".into(),
            Self::TotpAlreadyEnabled => {
                "二要素認証はすでに有効です。登録し直すには管理者によるリセットが必要です".into()
            }
            Self::NotOnYourself => "自分自身のアカウントに対しては行えません".into(),
            Self::NotCaseEntity { organization, case } => format!(
                "組織 {organization} は事案 {case} の関係者ではありません。先に事案に加えてください"
            ),
            Self::IncidentNotInCase { incident, case } => {
                format!("事態 {incident} は事案 {case} に含まれていません")
            }
            Self::ComplianceNotRecorded => "履行の有無を記録するのは勧告と命令だけです".into(),
            Self::NoSuchPower {
                kind,
                regime,
                public_sector,
            } => {
                let missing = format!("{}では、委員会に{}の権限はありません", regime.ja, kind.ja);
                if *public_sector {
                    missing
                } else {
                    format!("{missing}（違反の公表は個人情報保護法（民間部門）だけにあります）")
                }
            }
            Self::MeetingRequired { kind } => {
                format!("{}を決定した委員会の回を指定してください", kind.ja)
            }
            Self::NotDelegable => {
                "事業所管大臣に委任されるのは、民間部門の報告徴収と立入検査だけです（法第150条）"
                    .into()
            }
            Self::ImminentHarmRequired => {
                "民間部門の命令には、個人の重大な権利利益の侵害が切迫しているとの認定が必要です（法第148条第2項）"
                    .into()
            }
            Self::DueDateOnlyForCollection => "期限があるのは報告徴収だけです".into(),
            Self::AlreadyExists => "同じ値の記録がすでにあります".into(),
            Self::MissingReference => "存在しない記録を参照しています".into(),
            Self::IncidentComplete {
                reference,
                final_report,
            } => format!("事態 {reference} にはすでに確報（報告 {final_report}）があります"),
            Self::FiledConcurrently => {
                "この事態を完結させる報告が同時に提出されました".into()
            }
            Self::IdempotencyKeyReused => {
                "この Idempotency-Key は別の送信に使われています。新しいキーを使ってください"
                    .into()
            }
            Self::CategoryExists {
                desk,
                category,
                label,
            } => {
                format!(
                    "{}窓口には分類 {category}（{label}）がすでにあります",
                    desk.ja
                )
            }
            Self::MediationExists { consultation } => {
                format!("相談 {consultation} にはすでにあっせんの申出があります")
            }
            Self::MediationState { current, next } => {
                format!("{}のあっせんを{}にはできません", current.ja, next.ja)
            }
            Self::MediationNotRunning { status } => {
                format!(
                    "経過を記録できるのはあっせんの実施中だけです（現在: {}）",
                    status.ja
                )
            }
            Self::MediationNotEligible { reasons } => {
                format!("あっせんを開始できません：{}", reasons.join("、"))
            }
            Self::EmailTaken { email } => {
                format!("メールアドレス {email} の利用者はすでにいます")
            }
            Self::AlreadyPublished { table, period } => {
                format!("{period} の{}の数値はすでに公表されています", table.ja)
            }
            Self::OutboxState { id, status } => format!(
                "メッセージ {id} は {status} です。再送できるのは送信待ちか失敗したものだけです"
            ),
            Self::EntityInCase { organization, case } => {
                format!("組織 {organization} はすでに事案 {case} の関係者です")
            }
            Self::IncidentInCase { reference, case } => {
                format!("事態 {reference} はすでに事案 {case} に含まれています")
            }
            Self::MeetingExists { number } => format!("第{number}回の委員会はすでに記録されています"),
            Self::CorporateNumberTaken {
                organization,
                number,
            } => format!("法人番号 {number} はすでに組織 {organization} にあります"),
            Self::ImportRefused => "受け付けられない行がありました".into(),
            Self::DryRun => "試行のため、何も書き込んでいません".into(),
            Self::NotInEncoding { encoding, line } => format!(
                "{line}行目が {encoding} ではありません。UTF-8 か Shift_JIS（CP932）で保存するか、文字コードを指定してください"
            ),
            Self::NeitherEncoding { line } => format!(
                "{line}行目が UTF-8 でも Shift_JIS（CP932）でもありません。文字コードを指定してください"
            ),
            Self::SheetOfCsv => {
                "シート名は Excel ブック（XLSX）に指定するものです。このファイルは CSV です".into()
            }
            Self::UnreadableFile { detail } => format!("ファイルを読み取れません（{detail}）"),
            Self::WorkbookTooLarge { mib, most_mib } => format!(
                "ブックを展開すると {mib} MiB になり、上限の {most_mib} MiB を超えます"
            ),
            Self::NoSuchSheet { wanted, sheets } => format!(
                "ブックにシート「{wanted}」がありません。シート：{}",
                sheets.join("、")
            ),
            Self::NoSheet => "ブックにシートがありません".into(),
            Self::UnknownColumns { columns } => format!(
                "見出し「{}」は項目名として読めません。見出しには項目名か画面の項目の名前を使ってください",
                columns.join("」「")
            ),
            Self::ColumnTwice { column } => format!("項目 {column} の列が二つあります"),
            Self::NoRows => "見出しの行のほかに行がありません".into(),
            Self::UnreadableRow { detail } => format!("行を読み取れません（{detail}）"),
            Self::FormulaCell { formula } => {
                format!("数式（={formula}）は読み込みません。値を入力してください")
            }
            Self::ErrorCell { error } => format!("セルがエラー値（{error}）です"),
            Self::NotADateCell { cell } => format!(
                "「{cell}」は日付として読めません（2025-04-01、2025/04/01、令和7年4月1日、R7.4.1 の形で入力してください）"
            ),
            Self::DateOutsideEra { cell, label, .. } => {
                format!("「{cell}」はその元号にない日付です（その日は{label}です）")
            }
            Self::NotAnEarlierRow { cell } => {
                format!("{cell} は、受け付けられたこれより前の行の番号ではありません")
            }
            Self::NotASheet => {
                "CSV ファイルか Excel ブック（.xlsx）を選んでください（種類は内容から判定します）".into()
            }
            Self::OrderNeedsRecommendation { unheeded_candidate } => match unheeded_candidate {
                None => "命令には、同じ相手への先行する勧告が必要です（法第148条第2項、番号法第34条第2項）".into(),
                Some(id) => format!(
                    "命令には、履行されなかった先行する勧告が必要です。先に勧告 {id} を不履行として記録してください"
                ),
            },
        }
    }
}

fn quoted(list: &[String]) -> String {
    list.iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
