//! The `leakdesk` command line: serve, migrate, user add.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use leakdesk::auth::commands::{NewUser, create_user};
use leakdesk::auth::secrets::Secret;
use leakdesk::config::Config;
use leakdesk::db::Actor;
use leakdesk::db::Db;
use leakdesk::domain::access::Role;
use leakdesk::error::AppError;

#[derive(Parser)]
#[command(
    name = "leakdesk",
    version,
    about = "Case tracker of a data-protection supervisory authority"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply pending migrations, then serve HTTP until SIGTERM/SIGINT.
    Serve {
        /// Address to listen on (default from the configuration, 127.0.0.1:8080).
        #[arg(long)]
        bind: Option<String>,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The published statistics, computed from the database.
    Stats {
        #[command(subcommand)]
        command: StatsCommand,
    },
    /// Load historical records (staff): all rows valid, or none written.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// The full-text search index.
    Search {
        #[command(subcommand)]
        command: SearchCommand,
    },
}

#[derive(Subcommand)]
enum SearchCommand {
    /// Rebuild the index from the records, in one transaction: after records were written to
    /// the database by anything but leakdesk (a bulk load in SQL, a restore of a table).
    Reindex,
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Issue another token for a user; printed as the last line of standard output.
    Issue {
        #[arg(long)]
        email: String,
    },
    /// Revoke every token of a user (for a lost token, or a user who leaves).
    Revoke {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum StatsCommand {
    /// The supervision summary (leak reports and actions per regime), as seed 001's tables.
    Activity {
        /// FY2019, FY2019-H1/H2 or FY2019-Q1…Q4.
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "table")]
        format: OutputFormat,
    },
    /// The hotline summary (desks × classes, categories, daily averages), as seed 000's tables.
    Consultations {
        #[arg(long)]
        period: String,
        #[arg(long, value_enum, default_value = "json")]
        format: OutputFormat,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Table,
    Json,
    Csv,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Leak reports whose columns are the report body's field names, the report page's short
    /// labels or the form's labels (`data_items` separated by `|`; `preliminary_row` links a final
    /// report to an earlier row). The product's own downloads import back: derived columns
    /// ignored, a reference held already skipped as a duplicate. All rows or none.
    Reports(ImportFile),
    /// Consultations of the hotline whose columns are the consultation body's field names or
    /// the record form's labels (窓口, 区分, 受付日, 類型, …; categories separated by `|`, `、` or
    /// line breaks). All rows or none.
    Consultations(ImportFile),
    /// Supervisory actions whose columns are the action body's field names or the action form's
    /// labels (措置の種類, 適用される法令, 対象, 開始日, 決定した委員会の回, …), under the rules of an
    /// action recorded through the API. Past actions: no letter is sent. All rows or none.
    Actions(ImportFile),
    /// Organizations (businesses, public bodies) whose columns are the organization body's field
    /// names or the form's labels (名称, 種別, 法人番号, 都道府県, 連絡先の電子メールアドレス). All rows
    /// or none.
    Organizations(ImportFile),
    /// Opt-out notifications (オプトアウト届出) of a register kept before: the notification's
    /// field names or labels (届出者, 提供者の名称, 住所, 代表者, 利用目的, 提供する個人データの項目, …,
    /// 届出日), with 受理日 (accepted that day: published from it) and 廃止の日 (withdrawn). No
    /// mail is sent. All rows or none.
    OptoutNotifications(ImportFile),
    /// Accredited bodies (認定個人情報保護団体): 団体の名称, 法人番号, 認定日, 対象事業者の業種,
    /// 認定業務の範囲, and 取消しの日 with 取消しの理由 for a revoked one. All rows or none.
    AccreditedBodies(ImportFile),
    /// Publications of anonymised information (匿名加工情報の作成等の公表): 事業者, 公表日,
    /// 公表の場所, 情報の項目, 第三者提供. All rows or none.
    AnonymisedPublications(ImportFile),
    /// Outreach events (講演・説明会・セミナー): 種類 (講師派遣, 説明会・セミナー,
    /// 特定個人情報安全管理措置セミナー, その他), 法律, 開催日, 名称, 都道府県, 対象, 参加機関数,
    /// 参加者数. All rows or none.
    Events(ImportFile),
    /// Periodic reports (定期的な報告): 調査票の番号, 報告した機関 (number or name), 回答
    /// (「1=はい|2=いいえ|3=該当なし」), 備考, 提出日, and 受理日 for an accepted one. All rows or none.
    PeriodicReports(ImportFile),
    /// Assessments (特定個人情報保護評価書): 評価実施機関, 評価の種類 (基礎項目評価, 重点項目評価,
    /// 全項目評価), 事務の名称, 特定個人情報ファイル, 提出日, and 公表日. All rows or none.
    PiaEvaluations(ImportFile),
}

/// The file an import reads, and how.
#[derive(clap::Args)]
struct ImportFile {
    /// The CSV file (UTF-8 or Shift_JIS/CP932, told apart by its bytes) or XLSX workbook;
    /// headings first. Dates as YYYY-MM-DD, YYYY/MM/DD, date cells or era dates (令和元年10月1日,
    /// R1.10.1).
    file: std::path::PathBuf,
    /// Check every row and say what would be imported, writing nothing.
    #[arg(long)]
    dry_run: bool,
    /// The file's encoding, when it is not to be told from its bytes: utf-8 or shift_jis
    /// (cp932).
    #[arg(long, value_parser = parse_encoding)]
    encoding: Option<leakdesk::sheets::Encoding>,
    /// The sheet of an XLSX workbook to read (the first when not named).
    #[arg(long)]
    sheet: Option<String>,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a user and print a new API token as the last line of standard output.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The organization a reporter belongs to (its id).
        #[arg(long)]
        organization: Option<i64>,
        /// Read a web-login password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Turn off a user's second factor (a lost phone): the next web login asks for the password
    /// only, and the user may enrol again. Audited.
    TotpReset {
        #[arg(long)]
        email: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RoleArg {
    Admin,
    Staff,
    Reporter,
}

impl From<RoleArg> for Role {
    fn from(role: RoleArg) -> Self {
        match role {
            RoleArg::Admin => Role::Admin,
            RoleArg::Staff => Role::Staff,
            RoleArg::Reporter => Role::Reporter,
        }
    }
}

/// glibc's allocator, told to hand memory back: at most two arenas (by default each thread that
/// meets contention gets its own, up to eight a core, and each keeps the memory its largest
/// request left behind), and blocks from 128 KiB always mapped and unmapped on their own (by
/// default the threshold rises to the largest block freed, so a large result read once stays
/// in the heap). A server answering one heavy call after another then holds about one call's
/// memory, not one a thread (docs/performance.md, "Peak RSS"). Set before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn return_memory_promptly() {
    const BLOCK: libc::c_int = 128 * 1024;
    // SAFETY: mallopt only sets the allocator's parameters; called before any other thread
    // exists. A refused setting (returns 0) leaves glibc's default, which is still correct.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, BLOCK);
        libc::mallopt(libc::M_TRIM_THRESHOLD, BLOCK);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn return_memory_promptly() {}

fn main() -> ExitCode {
    return_memory_promptly();
    let cli = Cli::parse();
    let mut config = match Config::load() {
        Ok(config) => config,
        Err(error) => return fail(&format!("configuration: {error}")),
    };
    leakdesk::telemetry::init(&config.log);
    if let Err(error) = leakdesk::error::messages::install(config.locales.dir()) {
        return fail(&format!("messages: {error}"));
    }
    match cli.command {
        Command::Serve { bind } => {
            if let Some(bind) = bind {
                config.server.bind = bind;
            }
            match actix_web::rt::System::new().block_on(leakdesk::serve(config)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => fail(&error.to_string()),
            }
        }
        Command::Migrate => match migrate(&config) {
            Ok(applied) => {
                println!("{} migration(s) applied", applied.len());
                for version in applied {
                    println!("  {version}");
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    role,
                    organization,
                    password_stdin,
                },
        } => match user_add(&config, email, role.into(), organization, password_stdin) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail(&error),
        },
        Command::User {
            command: UserCommand::TotpReset { email },
        } => match totp_reset(&config, &email) {
            Ok(()) => {
                println!("the second factor of {email} is off; the user may enrol again");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Token { command } => match token(&config, command) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Stats { command } => match stats(&config, command) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Import { command } => match import(&config, command) {
            Ok(message) => {
                println!("{message}");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
        Command::Search {
            command: SearchCommand::Reindex,
        } => match reindex(&config) {
            Ok(entries) => {
                println!("search index rebuilt: {entries} record(s)");
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
    }
}

fn totp_reset(config: &Config, email: &str) -> Result<(), String> {
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    leakdesk::auth::factor::reset_by_email(&db, &Actor::cli("user totp-reset"), email)
        .map_err(describe)
}

fn reindex(config: &Config) -> Result<usize, String> {
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    leakdesk::index::entries::reindex(&db, &Actor::cli("search reindex")).map_err(|e| e.to_string())
}

fn token(config: &Config, command: TokenCommand) -> Result<String, String> {
    use leakdesk::auth::commands::{issue_token_for, revoke_tokens};
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    match command {
        TokenCommand::Issue { email } => {
            let token = issue_token_for(
                &db,
                &Actor::cli("token issue"),
                &email,
                config.auth.token_ttl_days,
            )
            .map_err(describe)?;
            Ok(format!(
                "API token for {email} (shown once; keep it secret):\n{}",
                token.expose()
            ))
        }
        TokenCommand::Revoke { email } => {
            let revoked =
                revoke_tokens(&db, &Actor::cli("token revoke"), &email).map_err(describe)?;
            Ok(format!("revoked {revoked} token(s) of {email}"))
        }
    }
}

fn stats(config: &Config, command: StatsCommand) -> Result<String, String> {
    use leakdesk::domain::periods::Period;
    use leakdesk::stats::{render, store};
    let (period, format, activity) = match command {
        StatsCommand::Activity { period, format } => (period, format, true),
        StatsCommand::Consultations { period, format } => (period, format, false),
    };
    let period = Period::parse(&period).map_err(|e| format!("--period: {e}"))?;
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    let json = |value: serde_json::Result<serde_json::Value>| value.map_err(|e| e.to_string());
    db.read_blocking(|conn| {
        Ok(if activity {
            let summary = store::activity(conn, period)?;
            let value = json(serde_json::to_value(&summary));
            (Some(summary), value)
        } else {
            let summary = store::hotline(conn, period)?;
            (None, json(serde_json::to_value(&summary)))
        })
    })
    .map_err(describe)
    .and_then(|(summary, value)| {
        let value = value?;
        Ok(match (format, summary) {
            (OutputFormat::Table, Some(summary)) => render::activity_table(&summary),
            (OutputFormat::Csv, _) => render::csv(&period.id(), &value),
            _ => format!(
                "{}\n",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ),
        })
    })
}

fn parse_encoding(name: &str) -> Result<leakdesk::sheets::Encoding, String> {
    leakdesk::sheets::Encoding::parse(name)
        .ok_or_else(|| format!("{name}: the encodings are utf-8 and shift_jis (cp932)"))
}

/// Runs an import: what it did (or would do), or every refusal, a line each.
fn import(config: &Config, command: ImportCommand) -> Result<String, String> {
    use leakdesk::sheets::{File, ImportError, ReadOptions};
    let (kind, args) = match command {
        ImportCommand::Reports(args) => ("reports", args),
        ImportCommand::Consultations(args) => ("consultations", args),
        ImportCommand::Actions(args) => ("actions", args),
        ImportCommand::Organizations(args) => ("organizations", args),
        ImportCommand::OptoutNotifications(args) => ("optout-notifications", args),
        ImportCommand::AccreditedBodies(args) => ("accredited-bodies", args),
        ImportCommand::AnonymisedPublications(args) => ("anonymised-publications", args),
        ImportCommand::Events(args) => ("events", args),
        ImportCommand::PeriodicReports(args) => ("periodic-reports", args),
        ImportCommand::PiaEvaluations(args) => ("pia-evaluations", args),
    };
    let importers = leakdesk::importers();
    let importer = importers
        .find(kind)
        .ok_or_else(|| format!("no importer of {kind}"))?;
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let file = File {
        name: &name,
        bytes: &bytes,
        options: ReadOptions {
            encoding: args.encoding,
            sheet: args.sheet.clone(),
        },
    };
    let actor = Actor::cli(&format!("import {kind}"));
    let today = leakdesk::clock::today_in_japan();
    match importer.import(&db, &actor, &file, args.dry_run, today) {
        Ok(done) => {
            let mut lines = Vec::new();
            if !done.ignored.is_empty() {
                lines.push(format!(
                    "ignored column(s), derived by leakdesk: {}",
                    done.ignored.join(", ")
                ));
            }
            for (row, what) in &done.duplicates {
                lines.push(format!("row {row}: skipped, {what} is held already"));
            }
            lines.push(format!(
                "{} {} from {} ({}){}{}",
                if done.written {
                    "imported"
                } else {
                    "would import"
                },
                importer.counted_en(&done),
                path.display(),
                done.read_as,
                match done.duplicates.len() {
                    0 => String::new(),
                    n => format!("; {n} duplicate row(s) skipped"),
                },
                if done.written {
                    ""
                } else {
                    "; dry run: nothing was written"
                }
            ));
            Ok(lines.join("\n"))
        }
        Err(ImportError::Rows(rows)) => {
            let mut lines = Vec::new();
            for (row, reasons) in &rows {
                for (field, why) in reasons {
                    let field = if field.is_empty() {
                        String::new()
                    } else {
                        format!("{field}: ")
                    };
                    lines.push(format!("row {row}: {field}{}", why.en()));
                }
            }
            lines.push(format!(
                "{} row(s) refused; nothing was imported",
                rows.len()
            ));
            Err(lines.join("\n"))
        }
        Err(ImportError::App(error)) => Err(describe(error)),
        Err(error) => Err(error.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("leakdesk: {message}");
    ExitCode::FAILURE
}

fn migrate(config: &Config) -> Result<Vec<String>, String> {
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    let applied = db.run_migrations().map_err(|e| e.to_string())?;
    // Records written before the search index existed are indexed with the migration that made it.
    leakdesk::index::entries::catch_up(&db).map_err(|e| e.to_string())?;
    Ok(applied)
}

fn user_add(
    config: &Config,
    email: String,
    role: Role,
    organization_id: Option<i64>,
    password_stdin: bool,
) -> Result<(), String> {
    let password = if password_stdin {
        let mut input = String::new();
        std::io::stdin()
            .read_to_string(&mut input)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        let password = input.strip_suffix('\n').unwrap_or(&input);
        let password = password.strip_suffix('\r').unwrap_or(password);
        Some(Secret::new(password.to_owned()))
    } else {
        None
    };
    let db = Db::connect(&config.database).map_err(|e| e.to_string())?;
    db.run_migrations().map_err(|e| e.to_string())?;
    let new = NewUser {
        email,
        role,
        organization_id,
        password,
    };
    let created = create_user(
        &db,
        &Actor::cli("user add"),
        new,
        config.auth.token_ttl_days,
    )
    .map_err(describe)?;
    let organization = created
        .organization_id
        .map(|id| format!(" of organization {id}"))
        .unwrap_or_default();
    println!(
        "created user {} <{}> with role {}{organization}",
        created.id, created.email, created.role
    );
    println!("API token (shown once; keep it secret):");
    println!("{}", created.token.expose());
    Ok(())
}

/// An application error in words for the terminal, with each refused field.
fn describe(error: AppError) -> String {
    match error {
        AppError::Validation(fields) => {
            let mut lines = vec!["invalid input:".to_owned()];
            for (field, reasons) in fields.iter() {
                for reason in reasons {
                    lines.push(format!("  --{field}: {}", reason.en()));
                }
            }
            lines.join("\n")
        }
        other => other.to_string(),
    }
}
