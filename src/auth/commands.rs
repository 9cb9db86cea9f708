//! The use cases of accounts, each one audited transaction: creating a user and issuing or
//! revoking its tokens (the CLI), signing in and out of a web session (the pages).

use crate::db::{Action, Entity};
use std::sync::LazyLock;

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;

use super::CredentialKind;
use super::secrets::{self, MIN_PASSWORD_CHARS, Secret};
use super::throttle::{self, Limits};
use crate::db::WriteTx;
use crate::db::schema::{api_tokens, login_challenges, organizations, users};
use crate::db::{Actor, Db};
use crate::domain::access::Role;
use crate::error::{AppError, FieldErrors, Missing, Refusal};

/// What `user add` asks for.
#[derive(Debug)]
pub struct NewUser {
    pub email: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    pub password: Option<Secret>,
}

#[derive(Debug)]
pub struct CreatedUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    /// Shown once; only its hash is stored.
    pub token: Secret,
}

/// The audited description of a user: never the password or token hash.
#[derive(Serialize)]
struct UserChange<'a> {
    email: &'a str,
    role: Role,
    organization_id: Option<i64>,
    has_password: bool,
}

impl NewUser {
    /// Field checks: a real e-mail; a reporter names its organization, staff and admins none;
    /// a password, when given, long enough.
    fn check(&self) -> Result<(), AppError> {
        let mut errors = FieldErrors::new();
        if !validator::ValidateEmail::validate_email(&self.email) {
            errors.add("email", Refusal::Email);
        }
        match (self.role, self.organization_id) {
            (Role::Reporter, None) => {
                errors.add("organization", Refusal::ReporterNeedsOrganization)
            }
            (Role::Admin | Role::Staff, Some(_)) => {
                errors.add("organization", Refusal::OrganizationOnlyForReporters)
            }
            _ => {}
        }
        if let Some(password) = &self.password
            && password.expose().chars().count() < MIN_PASSWORD_CHARS
        {
            errors.add(
                "password",
                Refusal::PasswordTooShort {
                    min: MIN_PASSWORD_CHARS as u64,
                },
            );
        }
        errors.into_result()
    }
}

/// Creates the user and its first API token in one audited transaction.
pub fn create_user(
    db: &Db,
    actor: &Actor,
    new: NewUser,
    token_ttl_days: u32,
) -> Result<CreatedUser, AppError> {
    new.check()?;
    // Hash outside the transaction: argon2 is deliberately slow.
    let password_hash = new
        .password
        .as_ref()
        .map(secrets::hash_password)
        .transpose()
        .map_err(|e| AppError::internal(format!("password hashing failed: {e}")))?;
    db.write_blocking(actor, |tx| {
        let id = insert_user(tx, &new, password_hash.as_deref())?;
        let token = issue_token(tx, id, expiry(tx.now(), token_ttl_days))?;
        Ok(CreatedUser {
            id,
            email: new.email.trim().to_lowercase(),
            role: new.role,
            organization_id: new.organization_id,
            token,
        })
    })
}

/// Creates a user who signs in to the pages (an admin's form): an initial password, made here
/// and shown once, and no API token. Returns the user's id and the password.
pub async fn create_web_user(
    db: &Db,
    actor: Actor,
    mut new: NewUser,
) -> Result<(i64, Secret), AppError> {
    let password = secrets::generate_password()
        .map_err(|e| AppError::internal(format!("no randomness for a password: {e}")))?;
    new.password = Some(password.clone());
    new.check()?;
    let hash = hash_blocking(password.clone()).await?;
    let id = db
        .write(actor, move |tx| insert_user(tx, &new, Some(&hash)))
        .await?;
    Ok((id, password))
}

/// argon2 off the async workers: it is deliberately slow.
pub(super) async fn hash_blocking(password: Secret) -> Result<String, AppError> {
    actix_web::web::block(move || secrets::hash_password(&password))
        .await
        .map_err(|e| AppError::internal(format!("password hashing: {e}")))?
        .map_err(|e| AppError::internal(format!("password hashing failed: {e}")))
}

/// Inserts a checked new user, refusing an unknown organization or a taken e-mail; audited.
fn insert_user(
    tx: &mut WriteTx<'_>,
    new: &NewUser,
    password_hash: Option<&str>,
) -> Result<i64, AppError> {
    let email = new.email.trim().to_lowercase();
    if let Some(organization_id) = new.organization_id {
        let exists: i64 = organizations::table
            .filter(organizations::id.eq(organization_id))
            .count()
            .get_result(tx.conn())?;
        if exists == 0 {
            return Err(FieldErrors::single(
                "organization",
                Refusal::NoSuchRecord {
                    record: Missing::Organization,
                    id: organization_id,
                },
            ));
        }
    }
    let taken: i64 = users::table
        .filter(users::email.eq(&email))
        .count()
        .get_result(tx.conn())?;
    if taken > 0 {
        return Err(AppError::Conflict(Refusal::EmailTaken { email }));
    }
    let now = tx.now();
    let id: i64 = diesel::insert_into(users::table)
        .values((
            users::email.eq(&email),
            users::role.eq(new.role.as_str()),
            users::organization_id.eq(new.organization_id),
            users::password_hash.eq(password_hash),
            users::created_at.eq(now),
        ))
        .returning(users::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::Create,
        Entity::User,
        id,
        &UserChange {
            email: &email,
            role: new.role,
            organization_id: new.organization_id,
            has_password: password_hash.is_some(),
        },
    )?;
    Ok(id)
}

fn expiry(now: NaiveDateTime, ttl_days: u32) -> NaiveDateTime {
    now + Duration::days(i64::from(ttl_days))
}

/// Issues a new API token for a user, in the caller's transaction; returns it once.
pub fn issue_token(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    expires_at: NaiveDateTime,
) -> Result<Secret, AppError> {
    issue_credential(tx, user_id, expires_at, CredentialKind::Api)
}

/// Issues a token of either kind (an API token, or a web session's cookie value); returns it
/// once, storing only its hash.
pub fn issue_credential(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    expires_at: NaiveDateTime,
    kind: CredentialKind,
) -> Result<Secret, AppError> {
    let token = secrets::generate_token()
        .map_err(|e| AppError::internal(format!("no randomness for a token: {e}")))?;
    let now = tx.now();
    let token_id: i64 = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::token_hash.eq(secrets::token_hash(token.expose())),
            api_tokens::created_at.eq(now),
            api_tokens::expires_at.eq(Some(expires_at)),
            api_tokens::kind.eq(kind.as_str()),
        ))
        .returning(api_tokens::id)
        .get_result(tx.conn())?;
    let (action, entity) = match kind {
        CredentialKind::Api => (Action::Issue, Entity::ApiToken),
        CredentialKind::Session => (Action::Login, Entity::WebSession),
    };
    tx.record(
        action,
        entity,
        token_id,
        &serde_json::json!({ "user_id": user_id, "expires_at": crate::clock::rfc3339(&expires_at) }),
    )?;
    Ok(token)
}

/// The user with this e-mail, if any.
pub(super) fn user_id_by_email(tx: &mut WriteTx<'_>, email: &str) -> Result<i64, AppError> {
    let email = email.trim().to_lowercase();
    users::table
        .filter(users::email.eq(&email))
        .select(users::id)
        .first(tx.conn())
        .optional()?
        .ok_or_else(|| {
            FieldErrors::single(
                "email",
                Refusal::NoUser {
                    email: email.to_owned(),
                },
            )
        })
}

/// Issues another API token for an existing user (`leakdesk token issue`).
pub fn issue_token_for(
    db: &Db,
    actor: &Actor,
    email: &str,
    token_ttl_days: u32,
) -> Result<Secret, AppError> {
    db.write_blocking(actor, |tx| {
        let user_id = user_id_by_email(tx, email)?;
        let expires_at = expiry(tx.now(), token_ttl_days);
        issue_token(tx, user_id, expires_at)
    })
}

/// Revokes every live token of a user (`leakdesk token revoke`); returns how many.
pub fn revoke_tokens(db: &Db, actor: &Actor, email: &str) -> Result<usize, AppError> {
    db.write_blocking(actor, |tx| {
        let user_id = user_id_by_email(tx, email)?;
        let now = tx.now();
        let revoked = diesel::update(
            api_tokens::table
                .filter(api_tokens::user_id.eq(user_id))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(now))
        .execute(tx.conn())?;
        if revoked == 0 {
            tx.nothing_changed();
        } else {
            tx.record(
                Action::RevokeTokens,
                Entity::User,
                user_id,
                &serde_json::json!({ "revoked": revoked }),
            )?;
        }
        Ok(revoked)
    })
}

/// A sign-in attempt: who claims to be whom, from where.
#[derive(Debug)]
pub struct Attempt {
    pub email: String,
    pub password: Secret,
    /// The client address the login rate limit counts by.
    pub client: String,
    pub request_id: Option<String>,
}

/// What a sign-in attempt comes to.
#[derive(Debug)]
pub enum SignIn {
    /// The password matched: a new session, whose token (shown once) goes in the cookie.
    Session { token: Secret, ttl: Duration },
    /// The password matched and the user has a second factor: its challenge (a token for a
    /// cookie, shown once), good for `ttl`, waits for the code.
    SecondFactor { challenge: Secret, ttl: Duration },
    /// The second step's challenge is unknown, used or out of time: log in again.
    Expired,
    /// An unknown e-mail or a wrong password; the two are not told apart.
    Refused,
    /// Too many failures for the address or the client: try again after this long.
    Throttled { retry_after: Duration },
}

/// A failed login attempt at `step` (`password`, `second_factor`): counted by the rate limit and
/// audited, in the caller's transaction.
pub(super) fn failed(
    tx: &mut WriteTx<'_>,
    email: &str,
    client: &str,
    step: &str,
) -> Result<(), AppError> {
    let now = tx.now();
    let id = throttle::record_attempt(tx.conn(), email, client, now, false)?;
    tx.record(
        Action::LoginFailed,
        Entity::LoginAttempt,
        id,
        &serde_json::json!({ "email": email, "client": client, "step": step }),
    )
}

/// How long an address and a client must wait before another login attempt, if at all (the
/// failures are rows, so the limit holds across instances).
pub(super) async fn wait_before(
    db: &Db,
    limits: Limits,
    email: &str,
    client: &str,
    now: NaiveDateTime,
) -> Result<Option<Duration>, AppError> {
    let (email, client) = (email.to_owned(), client.to_owned());
    let (by_email, by_client) = db
        .read(move |conn| throttle::counted_failures(conn, &limits, &email, &client, now))
        .await?;
    Ok(throttle::retry_after(&limits, &by_email, &by_client, now))
}

/// A password hash to check against when the e-mail is unknown, so that the answer takes as long
/// either way and does not tell which addresses have accounts.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    secrets::hash_password(&Secret::new("leakdesk decoy password".into())).unwrap_or_default()
});

/// Checks a password under the login rate limit (failures are rows, so the limit holds across
/// instances) and opens a session of `ttl`; every attempt is recorded, a failure with its own
/// audit row.
pub async fn sign_in(
    db: &Db,
    attempt: Attempt,
    limits: Limits,
    ttl: Duration,
) -> Result<SignIn, AppError> {
    let Attempt {
        email,
        password,
        client,
        request_id,
    } = attempt;
    let now = chrono::Utc::now().naive_utc();
    if let Some(retry_after) = wait_before(db, limits, &email, &client, now).await? {
        return Ok(SignIn::Throttled { retry_after });
    }
    type Account = (i64, String, Option<String>, Option<NaiveDateTime>);
    let account: Option<Account> = {
        let email = email.clone();
        db.read(move |conn| {
            Ok(users::table
                .filter(users::email.eq(&email))
                .filter(users::disabled_at.is_null())
                .select((
                    users::id,
                    users::email,
                    users::password_hash,
                    users::totp_enabled_at,
                ))
                .first(conn)
                .optional()?)
        })
        .await?
    };
    let stored = account
        .as_ref()
        .and_then(|(_, _, hash, _)| hash.clone())
        .unwrap_or_else(|| DECOY_HASH.clone());
    // A hash made under older parameters is made again from the password just checked.
    let (verified, rehashed) = actix_web::web::block(move || {
        let verified = secrets::verify_password(&password, &stored);
        let rehashed = if verified && secrets::needs_rehash(&stored) {
            secrets::hash_password(&password)
                .ok()
                .map(|new| (stored, new))
        } else {
            None
        };
        (verified, rehashed)
    })
    .await
    .map_err(|e| AppError::internal(format!("password check: {e}")))?;
    match account.filter(|(_, _, hash, _)| hash.is_some() && verified) {
        Some((user_id, user_email, _, second_factor)) => {
            let actor = Actor {
                user_id: Some(user_id),
                label: format!("user:{user_id} {user_email}"),
                request_id,
            };
            if second_factor.is_some() {
                // The failures are cleared only once the code is good too.
                let (challenge, ttl) = db
                    .write(actor, move |tx| {
                        rehash(tx, user_id, rehashed)?;
                        challenge(tx, user_id)
                    })
                    .await?;
                return Ok(SignIn::SecondFactor { challenge, ttl });
            }
            let token = db
                .write(actor, move |tx| {
                    rehash(tx, user_id, rehashed)?;
                    let now = tx.now();
                    throttle::record_attempt(tx.conn(), &email, &client, now, true)?;
                    issue_credential(tx, user_id, now + ttl, CredentialKind::Session)
                })
                .await?;
            Ok(SignIn::Session { token, ttl })
        }
        None => {
            let actor = Actor {
                user_id: None,
                label: format!("web-login:{email}"),
                request_id,
            };
            db.write(actor, move |tx| failed(tx, &email, &client, "password"))
                .await?;
            Ok(SignIn::Refused)
        }
    }
}

/// Stores the password hash made again under the current parameters, unless the password was
/// changed meanwhile. The same password kept under the current parameters: not a change of the
/// account, so no audit row of its own (the login's rows stand).
fn rehash(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    rehashed: Option<(String, String)>,
) -> Result<(), AppError> {
    if let Some((old, new)) = rehashed {
        diesel::update(
            users::table
                .filter(users::id.eq(user_id))
                .filter(users::password_hash.eq(old)),
        )
        .set(users::password_hash.eq(new))
        .execute(tx.conn())?;
    }
    Ok(())
}

/// Ends the session whose token has this hash (revoked, not merely forgotten by the browser).
pub async fn sign_out(db: &Db, actor: Actor, token_hash: String) -> Result<(), AppError> {
    db.write(actor, move |tx| {
        let now = tx.now();
        let ended: Option<i64> = diesel::update(
            api_tokens::table
                .filter(api_tokens::token_hash.eq(&token_hash))
                .filter(api_tokens::kind.eq(CredentialKind::Session.as_str()))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(now))
        .returning(api_tokens::id)
        .get_result(tx.conn())
        .optional()?;
        match ended {
            Some(id) => tx.record(
                Action::Logout,
                Entity::WebSession,
                id,
                &serde_json::json!({}),
            ),
            None => {
                tx.nothing_changed();
                Ok(())
            }
        }
    })
    .await
}

/// The users of an organization (its reporters): e-mail, role, whether disabled; for its page.
pub fn users_of(
    conn: &mut crate::db::DbConnection,
    organization_id: i64,
) -> Result<Vec<(String, String, bool)>, AppError> {
    let rows: Vec<(String, String, Option<chrono::NaiveDateTime>)> = users::table
        .filter(users::organization_id.eq(organization_id))
        .order(users::id.asc())
        .select((users::email, users::role, users::disabled_at))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(email, role, disabled)| (email, role, disabled.is_some()))
        .collect())
}

/// How long the second step of a login may wait for its code.
pub const CHALLENGE_MINUTES: i64 = 5;

/// Opens the second step of a login whose password matched: a challenge row, its token shown
/// once (for the browser's cookie).
fn challenge(tx: &mut WriteTx<'_>, user_id: i64) -> Result<(Secret, Duration), AppError> {
    let token = secrets::generate_token()
        .map_err(|e| AppError::internal(format!("no randomness for a token: {e}")))?;
    let now = tx.now();
    let ttl = Duration::minutes(CHALLENGE_MINUTES);
    let id: i64 = diesel::insert_into(login_challenges::table)
        .values((
            login_challenges::user_id.eq(user_id),
            login_challenges::token_hash.eq(secrets::token_hash(token.expose())),
            login_challenges::created_at.eq(now),
            login_challenges::expires_at.eq(now + ttl),
        ))
        .returning(login_challenges::id)
        .get_result(tx.conn())?;
    tx.record(
        Action::PasswordAccepted,
        Entity::LoginChallenge,
        id,
        &serde_json::json!({ "user_id": user_id }),
    )?;
    Ok((token, ttl))
}
