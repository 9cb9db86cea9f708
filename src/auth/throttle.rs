//! The web login rate limit. Failed attempts are rows in `login_attempts`, so every instance
//! sharing the database sees the same count: after `per_email` failures for one address within
//! the window (since its last successful login), or `per_client` failures from one client
//! address, further attempts wait until enough failures have left the window.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::config::AuthConfig;
use crate::db::DbConnection;
use crate::db::schema::login_attempts;
use crate::error::AppError;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub per_email: u32,
    pub per_client: u32,
    pub window: Duration,
}

impl From<&AuthConfig> for Limits {
    fn from(config: &AuthConfig) -> Self {
        Self {
            per_email: config.login_max_failures.max(1),
            per_client: config.login_client_max_failures.max(1),
            window: Duration::seconds(i64::from(config.login_window_secs.max(1))),
        }
    }
}

/// How long to wait before trying again, or None when an attempt may be made now. Each list
/// holds the failures that count (inside the window), oldest first.
pub fn retry_after(
    limits: &Limits,
    email_failures: &[NaiveDateTime],
    client_failures: &[NaiveDateTime],
    now: NaiveDateTime,
) -> Option<Duration> {
    let wait = |failures: &[NaiveDateTime], max: u32| {
        let max = max as usize;
        // The attempt that must leave the window before the count drops below the limit.
        (failures.len() >= max).then(|| failures[failures.len() - max] + limits.window - now)
    };
    [
        wait(email_failures, limits.per_email),
        wait(client_failures, limits.per_client),
    ]
    .into_iter()
    .flatten()
    .max()
    .map(|wait| wait.max(Duration::seconds(1)))
}

/// The failures that count now against an e-mail address and a client, oldest first.
pub fn counted_failures(
    conn: &mut DbConnection,
    limits: &Limits,
    email: &str,
    client: &str,
    now: NaiveDateTime,
) -> Result<(Vec<NaiveDateTime>, Vec<NaiveDateTime>), AppError> {
    let window_start = now - limits.window;
    let last_success: Option<NaiveDateTime> = login_attempts::table
        .filter(login_attempts::email.eq(email))
        .filter(login_attempts::succeeded.eq(true))
        .filter(login_attempts::attempted_at.gt(window_start))
        .select(diesel::dsl::max(login_attempts::attempted_at))
        .first(conn)?;
    let since = last_success.map_or(window_start, |success| success.max(window_start));
    let by_email = login_attempts::table
        .filter(login_attempts::email.eq(email))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(since))
        .order(login_attempts::attempted_at.asc())
        .select(login_attempts::attempted_at)
        .load(conn)?;
    let by_client = login_attempts::table
        .filter(login_attempts::client.eq(client))
        .filter(login_attempts::succeeded.eq(false))
        .filter(login_attempts::attempted_at.gt(window_start))
        .order(login_attempts::attempted_at.asc())
        .select(login_attempts::attempted_at)
        .load(conn)?;
    Ok((by_email, by_client))
}

/// Records an attempt; returns its id.
pub fn record_attempt(
    conn: &mut DbConnection,
    email: &str,
    client: &str,
    at: NaiveDateTime,
    succeeded: bool,
) -> Result<i64, AppError> {
    Ok(diesel::insert_into(login_attempts::table)
        .values((
            login_attempts::email.eq(email),
            login_attempts::client.eq(client),
            login_attempts::attempted_at.eq(at),
            login_attempts::succeeded.eq(succeeded),
        ))
        .returning(login_attempts::id)
        .get_result(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp(1_800_000_000 + seconds, 0)
            .unwrap()
            .naive_utc()
    }

    fn limits() -> Limits {
        Limits {
            per_email: 3,
            per_client: 5,
            window: Duration::seconds(900),
        }
    }

    #[test]
    fn attempts_pass_below_the_limit() {
        let failures = [at(0), at(10)];
        assert_eq!(retry_after(&limits(), &failures, &failures, at(20)), None);
    }

    #[test]
    fn the_limit_holds_until_the_oldest_counted_failure_leaves_the_window() {
        let failures = [at(0), at(10), at(20)];
        assert_eq!(
            retry_after(&limits(), &failures, &failures, at(30)),
            Some(Duration::seconds(870))
        );
        // Four failures with a limit of three: the second must leave before a fourth try.
        let failures = [at(0), at(10), at(20), at(25)];
        assert_eq!(
            retry_after(&limits(), &failures, &[], at(30)),
            Some(Duration::seconds(880))
        );
    }

    #[test]
    fn one_client_trying_many_addresses_is_limited_too() {
        let failures = [at(0), at(1), at(2), at(3), at(4)];
        assert_eq!(
            retry_after(&limits(), &[], &failures, at(100)),
            Some(Duration::seconds(800))
        );
    }

    #[test]
    fn the_wait_is_never_less_than_a_second() {
        let failures = [at(0), at(10), at(20)];
        assert_eq!(
            retry_after(&limits(), &failures, &[], at(900)),
            Some(Duration::seconds(1))
        );
    }
}
