//! The one typed configuration: `config/default.toml` (compiled in), then the file named by
//! `LEAKDESK_CONFIG`, then the environment. Passed to the app as data, never read globally.

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../config/default.toml");

#[derive(Clone, Debug, Deserialize)]
pub struct Config {
    pub database: DatabaseConfig,
    pub server: ServerConfig,
    pub auth: AuthConfig,
    pub log: LogConfig,
    pub mail: MailConfig,
    pub attachments: AttachmentsConfig,
    pub locales: LocalesConfig,
    pub work: WorkConfig,
}

/// The staff's work lists.
#[derive(Clone, Copy, Debug, Deserialize)]
pub struct WorkConfig {
    /// Working days (the Commission's calendar) an item may stay overdue before it escalates:
    /// its assignee and the admins are mailed once, and it shows as escalated.
    pub escalate_after_days: u32,
}

/// Where the texts of refusals and errors may be corrected without a rebuild.
#[derive(Clone, Debug, Deserialize)]
pub struct LocalesConfig {
    /// A folder with `en/` and `ja/` of Fluent files (`*.ftl`) whose messages override the
    /// compiled-in ones (`locales/`); empty: none.
    pub dir: String,
}

impl LocalesConfig {
    pub fn dir(&self) -> Option<&std::path::Path> {
        (!self.dir.trim().is_empty()).then(|| std::path::Path::new(self.dir.trim()))
    }
}

#[derive(Clone, Copy, Debug, Deserialize)]
pub struct AttachmentsConfig {
    pub max_file_bytes: u64,
    pub max_files: usize,
}

#[derive(Clone, Debug, Deserialize)]
pub struct MailConfig {
    pub smtp_url: String,
    pub from: String,
    pub staff_email: String,
    pub dir: String,
    pub reminder_days: u32,
    /// Days before a report collection's due date that the entity is reminded.
    pub collection_reminder_days: u32,
    /// Where people reach the pages, for the links in mail (no trailing slash).
    pub site_url: String,
    pub poll_interval_secs: u64,
    pub scan_interval_secs: u64,
    pub max_attempts: u32,
}

#[derive(Clone, Debug, Deserialize)]
pub struct DatabaseConfig {
    pub url: String,
    pub pool_size: u32,
    pub connect_timeout_secs: u64,
}

#[derive(Clone, Debug, Deserialize)]
pub struct ServerConfig {
    pub bind: String,
    pub workers: usize,
    pub shutdown_timeout_secs: u64,
    pub body_limit_bytes: usize,
    pub trust_forwarded_for: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct AuthConfig {
    pub token_ttl_days: u32,
    pub session_hours: u32,
    pub login_max_failures: u32,
    pub login_client_max_failures: u32,
    pub login_window_secs: u32,
    /// Staff and admins enrol a second factor (TOTP) before any other page.
    pub require_totp_for_staff: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct LogConfig {
    pub filter: String,
    pub format: LogFormat,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

impl Config {
    /// Defaults, then `LEAKDESK_CONFIG`'s file (which must exist when named), then environment.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Ok(path) = std::env::var("LEAKDESK_CONFIG") {
            figment = figment.merge(Toml::file_exact(path));
        }
        figment
            .merge(Env::prefixed("LEAKDESK_").split("__"))
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_BIND"])
                    .map(|_| "server.bind".into()),
            )
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database.url".into()),
            )
            .merge(Env::raw().only(&["RUST_LOG"]).map(|_| "log.filter".into()))
            // API.md's mail variables.
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_SMTP_URL"])
                    .map(|_| "mail.smtp_url".into()),
            )
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_MAIL_FROM"])
                    .map(|_| "mail.from".into()),
            )
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_STAFF_EMAIL"])
                    .map(|_| "mail.staff_email".into()),
            )
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_MAIL_DIR"])
                    .map(|_| "mail.dir".into()),
            )
            .merge(
                Env::raw()
                    .only(&["LEAKDESK_PUBLIC_URL"])
                    .map(|_| "mail.site_url".into()),
            )
            .extract()
            .map_err(Box::new)
    }

    /// The compiled-in defaults alone (tests start from these).
    pub fn defaults() -> Self {
        Figment::from(Toml::string(DEFAULTS))
            .extract()
            .expect("config/default.toml is valid")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_describe_an_embedded_service() {
        let config = Config::defaults();
        assert!(config.database.url.starts_with("sqlite://"));
        assert_eq!(config.server.body_limit_bytes, 256 * 1024);
        assert_eq!(config.log.format, LogFormat::Text);
        assert!(config.auth.token_ttl_days > 0);
    }
}
