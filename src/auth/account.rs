//! Accounts as their owners and the admins manage them, each change one audited transaction:
//! a user changes their own password (the current one required) and sees and ends their own
//! sessions; an admin lists users, disables one (every session and token ends at once), resets a
//! password or a second factor, and ends a user's sessions and tokens. No password, hash, token
//! or secret reaches the audit trail.

use crate::db::{Action, Entity};
use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::CredentialKind;
use super::commands::hash_blocking;
use super::secrets::{self, Secret};
use crate::db::schema::{api_tokens, organizations, recovery_codes, users};
use crate::db::{Actor, Db, DbConnection, WriteTx};
use crate::domain::access::Role;
use crate::error::{AppError, FieldErrors, Missing, Refusal};
use crate::http::PageRequest;

/// A user as the admins' pages show it.
#[derive(Clone, Debug)]
pub struct UserView {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub organization: Option<(i64, String)>,
    pub created_at: NaiveDateTime,
    pub disabled_at: Option<NaiveDateTime>,
    pub second_factor: bool,
    /// The start of the user's latest web session.
    pub last_login: Option<NaiveDateTime>,
}

/// What the users list is filtered by.
#[derive(Debug, Default, serde::Deserialize, validator::Validate)]
#[serde(deny_unknown_fields)]
pub struct UserFilter {
    #[validate(range(min = 1, max = 2_147_483_647))]
    pub page: Option<u32>,
    #[validate(range(min = 1, max = 500))]
    pub per_page: Option<u32>,
    pub role: Option<Role>,
    /// Part of the e-mail address.
    #[validate(
        length(min = 1, max = 200),
        custom(function = "crate::http::text_field")
    )]
    pub email: Option<String>,
    /// Disabled (true) or active (false).
    pub disabled: Option<bool>,
}

crate::http::download::paged!(UserFilter);

type UserRow = (
    i64,
    String,
    String,
    Option<i64>,
    Option<String>,
    NaiveDateTime,
    Option<NaiveDateTime>,
    bool,
);

fn views(conn: &mut DbConnection, rows: Vec<UserRow>) -> Result<Vec<UserView>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.0).collect();
    // The latest session of each user on the page, in one query.
    let logins: Vec<(i64, Option<NaiveDateTime>)> = api_tokens::table
        .filter(api_tokens::user_id.eq_any(&ids))
        .filter(api_tokens::kind.eq(CredentialKind::Session.as_str()))
        .group_by(api_tokens::user_id)
        .select((
            api_tokens::user_id,
            diesel::dsl::max(api_tokens::created_at),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(
                id,
                email,
                role,
                organization_id,
                organization_name,
                created_at,
                disabled_at,
                second_factor,
            )| {
                Ok(UserView {
                    id,
                    email,
                    role: Role::try_from(role).map_err(AppError::internal)?,
                    organization: organization_id.zip(organization_name),
                    created_at,
                    disabled_at,
                    second_factor,
                    last_login: logins
                        .iter()
                        .find(|(user, _)| *user == id)
                        .and_then(|(_, at)| *at),
                })
            },
        )
        .collect()
}

macro_rules! user_columns {
    () => {
        (
            users::id,
            users::email,
            users::role,
            users::organization_id,
            organizations::name.nullable(),
            users::created_at,
            users::disabled_at,
            users::totp_enabled_at.is_not_null(),
        )
    };
}

/// A page of users, by e-mail, and how many match.
pub fn list(
    conn: &mut DbConnection,
    filter: &UserFilter,
) -> Result<(Vec<UserView>, crate::http::Total), AppError> {
    let query = || {
        let mut query = users::table.left_join(organizations::table).into_boxed();
        if let Some(role) = filter.role {
            query = query.filter(users::role.eq(role.as_str()));
        }
        if let Some(text) = &filter.email {
            let pattern = format!(
                "%{}%",
                text.trim()
                    .to_lowercase()
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            query = query.filter(users::email.like(pattern).escape('\\'));
        }
        match filter.disabled {
            Some(true) => query = query.filter(users::disabled_at.is_not_null()),
            Some(false) => query = query.filter(users::disabled_at.is_null()),
            None => {}
        }
        query
    };
    let rows = PageRequest::new(filter.page, filter.per_page).load(conn, query, |q| {
        q.order(users::email.asc()).select(user_columns!())
    })?;
    let total = rows.total;
    Ok((views(conn, rows.rows)?, total))
}

/// One user.
pub fn find(conn: &mut DbConnection, id: i64) -> Result<Option<UserView>, AppError> {
    let row: Option<UserRow> = users::table
        .left_join(organizations::table)
        .filter(users::id.eq(id))
        .select(user_columns!())
        .first(conn)
        .optional()?;
    Ok(views(conn, row.into_iter().collect())?.pop())
}

/// A live web session of a user, for their own page.
#[derive(Clone, Debug)]
pub struct SessionView {
    pub id: i64,
    pub started_at: NaiveDateTime,
    pub expires_at: Option<NaiveDateTime>,
    /// The session the page is seen in.
    pub current: bool,
}

/// A user's live sessions, newest first; `current` marks the one whose token has this hash.
pub fn sessions(
    conn: &mut DbConnection,
    user_id: i64,
    current_hash: &str,
) -> Result<Vec<SessionView>, AppError> {
    let now = chrono::Utc::now().naive_utc();
    let rows: Vec<(i64, NaiveDateTime, Option<NaiveDateTime>, String)> = api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .filter(api_tokens::kind.eq(CredentialKind::Session.as_str()))
        .filter(api_tokens::revoked_at.is_null())
        .filter(
            api_tokens::expires_at
                .is_null()
                .or(api_tokens::expires_at.gt(now)),
        )
        .order(api_tokens::id.desc())
        .select((
            api_tokens::id,
            api_tokens::created_at,
            api_tokens::expires_at,
            api_tokens::token_hash,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, started_at, expires_at, hash)| SessionView {
            id,
            started_at,
            expires_at,
            current: secrets::same_secret(&hash, current_hash),
        })
        .collect())
}

/// Ends one of a user's own sessions (404 for anyone else's).
pub async fn end_session(
    db: &Db,
    actor: Actor,
    user_id: i64,
    session_id: i64,
) -> Result<(), AppError> {
    db.write(actor, move |tx| {
        let now = tx.now();
        let ended = diesel::update(
            api_tokens::table
                .filter(api_tokens::id.eq(session_id))
                .filter(api_tokens::user_id.eq(user_id))
                .filter(api_tokens::kind.eq(CredentialKind::Session.as_str()))
                .filter(api_tokens::revoked_at.is_null()),
        )
        .set(api_tokens::revoked_at.eq(Some(now)))
        .execute(tx.conn())?;
        if ended == 0 {
            return Err(AppError::NotFound(Missing::Record));
        }
        tx.record(
            Action::Logout,
            Entity::WebSession,
            session_id,
            &serde_json::json!({ "ended_by": "owner" }),
        )
    })
    .await
}

/// Revokes a user's live credentials — sessions, API tokens or both — except the session whose
/// token has `keep` as its hash; returns how many ended.
fn revoke(
    tx: &mut WriteTx<'_>,
    user_id: i64,
    kinds: &[CredentialKind],
    keep: Option<&str>,
) -> Result<usize, AppError> {
    let now = tx.now();
    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let mut query = diesel::update(
        api_tokens::table
            .filter(api_tokens::user_id.eq(user_id))
            .filter(api_tokens::kind.eq_any(kinds))
            .filter(api_tokens::revoked_at.is_null()),
    )
    .into_boxed();
    if let Some(keep) = keep {
        query = query.filter(api_tokens::token_hash.ne(keep.to_owned()));
    }
    Ok(query
        .set(api_tokens::revoked_at.eq(Some(now)))
        .execute(tx.conn())?)
}

/// A change of one's own password.
#[derive(Debug)]
pub struct PasswordChange {
    pub current: Secret,
    pub new: Secret,
    pub confirmation: Secret,
}

/// Changes a user's own password: the current one must match, the new one be long and hard to
/// guess, typed the same twice. The user's other sessions end; this one stays.
pub async fn change_password(
    db: &Db,
    actor: Actor,
    user_id: i64,
    current_session: String,
    change: PasswordChange,
) -> Result<(), AppError> {
    let (email, stored): (String, Option<String>) = db
        .read(move |conn| {
            Ok(users::table
                .find(user_id)
                .select((users::email, users::password_hash))
                .first(conn)?)
        })
        .await?;
    let mut errors = FieldErrors::new();
    if let Some(refusal) = secrets::password_refusal(&change.new, &email) {
        errors.add("new_password", refusal);
    } else if change.new != change.confirmation {
        errors.add("new_password_confirmation", Refusal::PasswordsDiffer);
    }
    let current = change.current;
    let matches = match stored {
        Some(stored) => actix_web::web::block(move || secrets::verify_password(&current, &stored))
            .await
            .map_err(|e| AppError::internal(format!("password check: {e}")))?,
        None => false,
    };
    if !matches {
        errors.add("current_password", Refusal::PasswordWrong);
    }
    errors.into_result()?;
    let hash = hash_blocking(change.new).await?;
    db.write(actor, move |tx| {
        diesel::update(users::table.find(user_id))
            .set(users::password_hash.eq(Some(hash)))
            .execute(tx.conn())?;
        let ended = revoke(
            tx,
            user_id,
            &[CredentialKind::Session],
            Some(&current_session),
        )?;
        tx.record(
            Action::PasswordChanged,
            Entity::User,
            user_id,
            &serde_json::json!({ "by": "owner", "other_sessions_ended": ended }),
        )
    })
    .await
}

/// What an admin does to a user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminAction {
    Disable,
    Enable,
    /// A new password, shown once; every session ends.
    ResetPassword,
    ResetSecondFactor,
    /// Every session and API token ends.
    EndSessions,
}

impl AdminAction {
    pub const ALL: [Self; 5] = [
        Self::Disable,
        Self::Enable,
        Self::ResetPassword,
        Self::ResetSecondFactor,
        Self::EndSessions,
    ];

    /// The action's name in a path (`/admin/users/{id}/{action}`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Enable => "enable",
            Self::ResetPassword => "reset_password",
            Self::ResetSecondFactor => "reset_totp",
            Self::EndSessions => "end_sessions",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|action| action.code() == code)
    }

    pub fn done_ja(self) -> &'static str {
        match self {
            Self::Disable => {
                "利用を停止しました。ログイン中のセッションとAPIトークンはすべて無効になりました。"
            }
            Self::Enable => "利用を再開しました。",
            Self::ResetPassword => "パスワードを再設定しました。",
            Self::ResetSecondFactor => {
                "二要素認証をリセットしました。次回のログインで登録し直せます。"
            }
            Self::EndSessions => "ログイン中のセッションとAPIトークンをすべて無効にしました。",
        }
    }
}

/// An admin's action on a user, audited; a reset password is returned to be shown once. An
/// admin does not disable, reset or end their own account here (the CLI can).
pub async fn administer(
    db: &Db,
    actor: Actor,
    user_id: i64,
    action: AdminAction,
) -> Result<Option<Secret>, AppError> {
    if actor.user_id == Some(user_id) && action != AdminAction::Enable {
        return Err(AppError::Conflict(Refusal::NotOnYourself));
    }
    let password = match action {
        AdminAction::ResetPassword => Some(
            secrets::generate_password()
                .map_err(|e| AppError::internal(format!("no randomness for a password: {e}")))?,
        ),
        _ => None,
    };
    let hash = match &password {
        Some(password) => Some(hash_blocking(password.clone()).await?),
        None => None,
    };
    db.write(actor, move |tx| {
        let exists: i64 = users::table
            .filter(users::id.eq(user_id))
            .count()
            .get_result(tx.conn())?;
        if exists == 0 {
            return Err(AppError::NotFound(Missing::Record));
        }
        let now = tx.now();
        let all = [CredentialKind::Session, CredentialKind::Api];
        match action {
            AdminAction::Disable => {
                diesel::update(
                    users::table
                        .find(user_id)
                        .filter(users::disabled_at.is_null()),
                )
                .set(users::disabled_at.eq(Some(now)))
                .execute(tx.conn())?;
                let ended = revoke(tx, user_id, &all, None)?;
                tx.record(
                    Action::Disable,
                    Entity::User,
                    user_id,
                    &serde_json::json!({ "ended": ended }),
                )?;
            }
            AdminAction::Enable => {
                diesel::update(users::table.find(user_id))
                    .set(users::disabled_at.eq(None::<NaiveDateTime>))
                    .execute(tx.conn())?;
                tx.record(
                    Action::Enable,
                    Entity::User,
                    user_id,
                    &serde_json::json!({ "disabled": false }),
                )?;
            }
            AdminAction::ResetPassword => {
                diesel::update(users::table.find(user_id))
                    .set(users::password_hash.eq(hash))
                    .execute(tx.conn())?;
                let ended = revoke(tx, user_id, &[CredentialKind::Session], None)?;
                tx.record(
                    Action::PasswordReset,
                    Entity::User,
                    user_id,
                    &serde_json::json!({ "sessions_ended": ended }),
                )?;
            }
            AdminAction::ResetSecondFactor => super::factor::reset(tx, user_id)?,
            AdminAction::EndSessions => {
                let ended = revoke(tx, user_id, &all, None)?;
                tx.record(
                    Action::EndSessions,
                    Entity::User,
                    user_id,
                    &serde_json::json!({ "ended": ended }),
                )?;
            }
        }
        Ok(())
    })
    .await?;
    Ok(password)
}

/// How many unused recovery codes a user has.
pub fn recovery_codes_left(conn: &mut DbConnection, user_id: i64) -> Result<i64, AppError> {
    Ok(recovery_codes::table
        .filter(recovery_codes::user_id.eq(user_id))
        .filter(recovery_codes::used_at.is_null())
        .count()
        .get_result(conn)?)
}
