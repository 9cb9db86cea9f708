//! The second factor's use cases, each one audited transaction: enrolling (a secret, then a
//! first code that confirms it and hands out the recovery codes), the second step of a web login
//! (a code or a recovery code turns the login's challenge into a session), and a reset by an
//! admin or the command line. The secret and the codes never reach the audit trail.

use crate::db::{Action, Entity};
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use super::CredentialKind;
use super::commands::{SignIn, failed, issue_credential, wait_before};
use super::secrets::{self, Secret};
use super::throttle::{self, Limits};
use super::totp;
use crate::db::schema::{login_challenges, recovery_codes, users};
use crate::db::{Actor, Db, WriteTx};
use crate::error::{AppError, FieldErrors, Missing, Refusal};

/// A started enrolment: the secret (shown now, and while the enrolment is pending, to its own
/// user only) and the URI an authenticator app reads.
#[derive(Serialize, ToSchema)]
pub struct Enrolment {
    /// Base32, for typing into an authenticator app.
    #[schema(value_type = String)]
    #[serde(serialize_with = "expose")]
    pub secret: Secret,
    /// `otpauth://totp/leakdesk:…?secret=…&issuer=leakdesk…`
    pub otpauth_uri: String,
}

/// The recovery codes of a confirmed enrolment, shown this once.
#[derive(Serialize, ToSchema)]
pub struct RecoveryCodes {
    #[schema(value_type = Vec<String>)]
    #[serde(serialize_with = "expose_all")]
    pub recovery_codes: Vec<Secret>,
}

fn expose<S: serde::Serializer>(secret: &Secret, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose())
}

fn expose_all<S: serde::Serializer>(secrets: &[Secret], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(secrets.iter().map(Secret::expose))
}

fn seconds(at: NaiveDateTime) -> u64 {
    u64::try_from(at.and_utc().timestamp()).unwrap_or(0)
}

/// A user's second-factor state: e-mail, secret, since when it is on, the last step taken.
type FactorRow = (String, Option<String>, Option<NaiveDateTime>, Option<i64>);

fn factor_of(tx: &mut WriteTx<'_>, user_id: i64) -> Result<FactorRow, AppError> {
    users::table
        .find(user_id)
        .select((
            users::email,
            users::totp_secret,
            users::totp_enabled_at,
            users::totp_last_step,
        ))
        .first(tx.conn())
        .optional()?
        .ok_or(AppError::NotFound(Missing::Record))
}

/// Starts (or starts again) the enrolment of a user's second factor: a new secret, not yet in
/// force. Refused while one is on.
pub async fn begin(db: &Db, actor: Actor, user_id: i64) -> Result<Enrolment, AppError> {
    db.write(actor, move |tx| {
        let (email, _, enabled, _) = factor_of(tx, user_id)?;
        if enabled.is_some() {
            return Err(AppError::Conflict(Refusal::TotpAlreadyEnabled));
        }
        let secret = totp::new_secret()?;
        diesel::update(users::table.find(user_id))
            .set((
                users::totp_secret.eq(secret.expose()),
                users::totp_last_step.eq(None::<i64>),
            ))
            .execute(tx.conn())?;
        tx.record(
            Action::TotpEnrolmentStarted,
            Entity::User,
            user_id,
            &serde_json::json!({ "second_factor": "pending" }),
        )?;
        Ok(Enrolment {
            otpauth_uri: totp::otpauth_uri(&secret, &email)?,
            secret,
        })
    })
    .await
}

/// The enrolment a user started and has not confirmed, if any (the enrolment page, reloaded).
pub async fn pending(db: &Db, user_id: i64) -> Result<Option<Enrolment>, AppError> {
    db.read(move |conn| {
        let row: Option<(String, Option<String>, Option<NaiveDateTime>)> = users::table
            .find(user_id)
            .select((users::email, users::totp_secret, users::totp_enabled_at))
            .first(conn)
            .optional()?;
        match row {
            Some((email, Some(secret), None)) => {
                let secret = Secret::new(secret);
                Ok(Some(Enrolment {
                    otpauth_uri: totp::otpauth_uri(&secret, &email)?,
                    secret,
                }))
            }
            _ => Ok(None),
        }
    })
    .await
}

/// Confirms an enrolment with a first code: the second factor is on from now, and ten recovery
/// codes are handed out (only their hashes kept).
pub async fn confirm(
    db: &Db,
    actor: Actor,
    user_id: i64,
    code: String,
) -> Result<RecoveryCodes, AppError> {
    db.write(actor, move |tx| {
        let (_, secret, enabled, _) = factor_of(tx, user_id)?;
        if enabled.is_some() {
            return Err(AppError::Conflict(Refusal::TotpAlreadyEnabled));
        }
        let secret = Secret::new(secret.ok_or(AppError::Conflict(Refusal::TotpNotStarted))?);
        let now = tx.now();
        totp::accepted_step(&secret, &code, seconds(now), None)?
            .ok_or_else(|| FieldErrors::single("code", Refusal::TotpCodeWrong))?;
        // The confirming code proves the app holds the secret; it opens no session, so it is not
        // spent: a login right after enrolment may use the code still shown. From the first login
        // on, every code is taken once.
        diesel::update(users::table.find(user_id))
            .set((
                users::totp_enabled_at.eq(Some(now)),
                users::totp_last_step.eq(None::<i64>),
            ))
            .execute(tx.conn())?;
        let codes = replace_recovery_codes(tx, user_id)?;
        tx.record(
            Action::TotpEnabled,
            Entity::User,
            user_id,
            &serde_json::json!({ "recovery_codes": codes.len() }),
        )?;
        Ok(RecoveryCodes {
            recovery_codes: codes,
        })
    })
    .await
}

/// Spends a user's unused recovery codes and stores ten new ones; returns them.
fn replace_recovery_codes(tx: &mut WriteTx<'_>, user_id: i64) -> Result<Vec<Secret>, AppError> {
    let now = tx.now();
    spend_recovery_codes(tx, user_id)?;
    let codes = totp::new_recovery_codes()?;
    for code in &codes {
        diesel::insert_into(recovery_codes::table)
            .values((
                recovery_codes::user_id.eq(user_id),
                recovery_codes::code_hash.eq(totp::recovery_hash(code.expose())),
                recovery_codes::created_at.eq(now),
            ))
            .execute(tx.conn())?;
    }
    Ok(codes)
}

/// Marks a user's unused recovery codes used: none of them opens a login any more.
fn spend_recovery_codes(tx: &mut WriteTx<'_>, user_id: i64) -> Result<(), AppError> {
    let now = tx.now();
    diesel::update(
        recovery_codes::table
            .filter(recovery_codes::user_id.eq(user_id))
            .filter(recovery_codes::used_at.is_null()),
    )
    .set(recovery_codes::used_at.eq(Some(now)))
    .execute(tx.conn())?;
    Ok(())
}

/// Turns a user's second factor off (a lost phone, a left employee): the next login asks for
/// the password only, until the user enrols again. Unused recovery codes are spent.
pub fn reset(tx: &mut WriteTx<'_>, user_id: i64) -> Result<(), AppError> {
    let (_, secret, enabled, _) = factor_of(tx, user_id)?;
    if secret.is_none() && enabled.is_none() {
        tx.nothing_changed();
        return Ok(());
    }
    diesel::update(users::table.find(user_id))
        .set((
            users::totp_secret.eq(None::<String>),
            users::totp_enabled_at.eq(None::<NaiveDateTime>),
            users::totp_last_step.eq(None::<i64>),
        ))
        .execute(tx.conn())?;
    spend_recovery_codes(tx, user_id)?;
    tx.record(
        Action::TotpReset,
        Entity::User,
        user_id,
        &serde_json::json!({ "second_factor": "off" }),
    )
}

/// `leakdesk user totp-reset --email E`.
pub fn reset_by_email(db: &Db, actor: &Actor, email: &str) -> Result<(), AppError> {
    db.write_blocking(actor, |tx| {
        let user_id = super::commands::user_id_by_email(tx, email)?;
        reset(tx, user_id)
    })
}

/// The second step of a login: the challenge's token, the code typed, from where.
#[derive(Debug)]
pub struct SecondStep {
    pub challenge: Secret,
    pub code: Secret,
    pub client: String,
    pub request_id: Option<String>,
}

/// Which factor let the user in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Taken {
    Code,
    RecoveryCode,
}

/// Checks the code of a login's second step under the login rate limit (a wrong code is a failed
/// login) and opens the session; a code (or recovery code) is taken once, even by two requests
/// at the same moment: the row that records its use is updated only if still unused.
pub async fn second_step(
    db: &Db,
    step: SecondStep,
    limits: Limits,
    ttl: Duration,
) -> Result<SignIn, AppError> {
    let SecondStep {
        challenge,
        code,
        client,
        request_id,
    } = step;
    let hash = secrets::token_hash(challenge.expose());
    let now = chrono::Utc::now().naive_utc();
    let found: Option<(i64, i64, String)> = {
        let hash = hash.clone();
        db.read(move |conn| {
            Ok(login_challenges::table
                .inner_join(users::table)
                .filter(login_challenges::token_hash.eq(&hash))
                .filter(login_challenges::used_at.is_null())
                .filter(login_challenges::expires_at.gt(now))
                .filter(users::disabled_at.is_null())
                .select((login_challenges::id, users::id, users::email))
                .first(conn)
                .optional()?)
        })
        .await?
    };
    let Some((challenge_id, user_id, email)) = found else {
        return Ok(SignIn::Expired);
    };
    if let Some(retry_after) = wait_before(db, limits, &email, &client, now).await? {
        return Ok(SignIn::Throttled { retry_after });
    }
    let actor = Actor {
        user_id: Some(user_id),
        label: format!("user:{user_id} {email}"),
        request_id: request_id.clone(),
    };
    let taken = db
        .write(actor, move |tx| {
            let now = tx.now();
            let Some(taken) = take_code(tx, user_id, code.expose(), now)? else {
                // A wrong or spent code is a failed login, counted by the rate limit.
                failed(tx, &email, &client, "second_factor")?;
                return Ok(None);
            };
            throttle::record_attempt(tx.conn(), &email, &client, now, true)?;
            diesel::update(login_challenges::table.find(challenge_id))
                .set(login_challenges::used_at.eq(Some(now)))
                .execute(tx.conn())?;
            let remaining: i64 = recovery_codes::table
                .filter(recovery_codes::user_id.eq(user_id))
                .filter(recovery_codes::used_at.is_null())
                .count()
                .get_result(tx.conn())?;
            let factor = match taken {
                Taken::Code => "totp",
                Taken::RecoveryCode => "recovery_code",
            };
            tx.record(
                Action::SecondFactor,
                Entity::User,
                user_id,
                &serde_json::json!({ "factor": factor, "recovery_codes_left": remaining }),
            )?;
            let token = issue_credential(tx, user_id, now + ttl, CredentialKind::Session)?;
            Ok(Some(token))
        })
        .await?;
    Ok(match taken {
        Some(token) => SignIn::Session { token, ttl },
        None => SignIn::Refused,
    })
}

/// Takes a code typed at the second step, if it is good: a six-digit code of a step later than
/// the last taken, or an unused recovery code. The use is recorded by a conditional update, so
/// of two requests with one code only one gets in.
fn take_code(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    code: &str,
    now: NaiveDateTime,
) -> Result<Option<Taken>, AppError> {
    if totp::is_recovery_code(code) {
        let spent = diesel::update(
            recovery_codes::table
                .filter(recovery_codes::user_id.eq(user_id))
                .filter(recovery_codes::code_hash.eq(totp::recovery_hash(code)))
                .filter(recovery_codes::used_at.is_null()),
        )
        .set(recovery_codes::used_at.eq(Some(now)))
        .execute(tx.conn())?;
        return Ok((spent == 1).then_some(Taken::RecoveryCode));
    }
    let (_, secret, enabled, last) = factor_of(tx, user_id)?;
    let (Some(secret), Some(_)) = (secret, enabled) else {
        return Ok(None);
    };
    let Some(step) = totp::accepted_step(&Secret::new(secret), code, seconds(now), last)? else {
        return Ok(None);
    };
    let taken = diesel::update(
        users::table.find(user_id).filter(
            users::totp_last_step
                .is_null()
                .or(users::totp_last_step.lt(step)),
        ),
    )
    .set(users::totp_last_step.eq(Some(step)))
    .execute(tx.conn())?;
    Ok((taken == 1).then_some(Taken::Code))
}
