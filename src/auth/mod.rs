//! Authentication and roles. A handler declares who may call it by its extractor:
//! `Auth<StaffOnly>`, `Auth<AdminOnly>` or `Auth` (any signed-in user); whose data a reporter may
//! reach is then asked of [`crate::domain::access`] through [`Principal`].

pub mod account;
pub mod commands;
pub mod factor;
pub mod secrets;
pub mod throttle;
pub mod totp;

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use diesel::prelude::*;
use tracing_actix_web::RequestId;

use crate::db::Actor;
use crate::db::schema::{self, api_tokens};
use crate::db::{Db, DbConnection};
use crate::domain::access::{Role, may_access_organization};
use crate::error::{AppError, Denial, Missing};

/// The signed-in user a request acts as.
#[derive(Clone, Debug)]
pub struct Principal {
    pub user_id: i64,
    pub email: String,
    pub role: Role,
    pub organization_id: Option<i64>,
    /// Whether the user's web logins take a second factor (TOTP).
    pub second_factor: bool,
    /// The request the user acts in (its log span's id), when there is one.
    pub request_id: Option<String>,
}

impl Principal {
    /// The actor recorded in the audit trail for the changes this user makes in this request.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user_id),
            label: format!("user:{} {}", self.user_id, self.email),
            request_id: self.request_id.clone(),
        }
    }
}

impl Principal {
    /// Refuses, as "not found", a reporter reaching for another organization's data: the answer
    /// must not even confirm that the record exists.
    pub fn ensure_can_access(&self, organization_id: i64, what: Missing) -> Result<(), AppError> {
        if may_access_organization(self.role, self.organization_id, organization_id) {
            Ok(())
        } else {
            Err(AppError::NotFound(what))
        }
    }
}

impl Principal {
    /// Refuses a reporter acting (filing, answering) for another organization: 403, since the
    /// organization is the caller's own claim, not a record to hide.
    pub fn ensure_can_act_for(&self, organization_id: i64) -> Result<(), AppError> {
        if may_access_organization(self.role, self.organization_id, organization_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden(Denial::OwnOrganizationOnly))
        }
    }
}

/// Which roles a handler admits.
pub trait RoleRule {
    const REFUSAL: Denial;
    fn admits(role: Role) -> bool;
}

/// Any signed-in user.
pub struct AnyRole;
/// Supervision staff and admins.
pub struct StaffOnly;
/// Admins only.
pub struct AdminOnly;

impl RoleRule for AnyRole {
    /// Never used: every role is admitted.
    const REFUSAL: Denial = Denial::StaffOnly;
    fn admits(_: Role) -> bool {
        true
    }
}

impl RoleRule for StaffOnly {
    const REFUSAL: Denial = Denial::StaffOnly;
    fn admits(role: Role) -> bool {
        role.is_staff()
    }
}

impl RoleRule for AdminOnly {
    const REFUSAL: Denial = Denial::AdminOnly;
    fn admits(role: Role) -> bool {
        role == Role::Admin
    }
}

/// The extractor: a valid bearer token of a user whose role `R` admits (else 401 / 403).
pub struct Auth<R: RoleRule = AnyRole> {
    pub principal: Principal,
    rule: PhantomData<fn() -> R>,
}

impl<R: RoleRule> std::ops::Deref for Auth<R> {
    type Target = Principal;
    fn deref(&self) -> &Principal {
        &self.principal
    }
}

impl<R: RoleRule + 'static> FromRequest for Auth<R> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let db = req.app_data::<web::Data<Db>>().cloned();
        let bearer = Bearer::<R>::of(req);
        Box::pin(async move {
            let db = db.ok_or_else(|| AppError::internal("no database in app data"))?;
            bearer?.resolve(&db).await
        })
    }
}

/// The extractor for a handler that authenticates in its own trip to the database: a bearer
/// token read from the request but not yet looked up. [`Bearer::authenticate`] then checks it on
/// the connection the handler's work runs on, so the hottest path (filing a report) takes one
/// blocking hop and one pooled connection instead of two. A missing or malformed header is
/// refused at once (401), as by [`Auth`].
pub struct Bearer<R: RoleRule = AnyRole> {
    hash: String,
    request_id: Option<String>,
    rule: PhantomData<fn() -> R>,
}

impl<R: RoleRule> Bearer<R> {
    fn of(req: &HttpRequest) -> Result<Self, AppError> {
        let token = bearer_token(req)?;
        Ok(Self {
            hash: secrets::token_hash(&token),
            request_id: req.extensions().get::<RequestId>().map(ToString::to_string),
            rule: PhantomData,
        })
    }

    /// The token's user, if the token is valid and `R` admits the user's role (else 401 / 403).
    pub fn authenticate(self, conn: &mut DbConnection) -> Result<Auth<R>, AppError> {
        let mut principal = find_principal(conn, &self.hash, CredentialKind::Api)?
            .ok_or(AppError::Unauthorized(Denial::InvalidToken))?;
        if !R::admits(principal.role) {
            return Err(AppError::Forbidden(R::REFUSAL));
        }
        principal.request_id = self.request_id;
        Ok(Auth {
            principal,
            rule: PhantomData,
        })
    }

    /// [`Bearer::authenticate`] in a trip of its own.
    pub async fn resolve(self, db: &Db) -> Result<Auth<R>, AppError>
    where
        R: 'static,
    {
        db.read(move |conn| self.authenticate(conn)).await
    }
}

impl<R: RoleRule + 'static> FromRequest for Bearer<R> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(Self::of(req))
    }
}

fn bearer_token(req: &HttpRequest) -> Result<String, AppError> {
    let missing = AppError::Unauthorized(Denial::NoToken);
    let value = req.headers().get(AUTHORIZATION).ok_or(missing)?;
    let value = value
        .to_str()
        .map_err(|_| AppError::Unauthorized(Denial::UnreadableAuthorization))?;
    let (scheme, token) = value
        .split_once(' ')
        .ok_or(AppError::Unauthorized(Denial::NoToken))?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(AppError::Unauthorized(Denial::NoToken));
    }
    Ok(token.to_owned())
}

/// What a stored credential is for: an API bearer token, or a web session (the login cookie).
/// Each is accepted only where it belongs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    Api,
    Session,
}

impl CredentialKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Api => "api",
            Self::Session => "session",
        }
    }
}

/// The active user holding a live credential of this kind with this hash. The token is found
/// by its SHA-256 hash, an index lookup: no comparison of the secret itself can leak its value
/// through timing.
pub(crate) fn find_principal(
    conn: &mut DbConnection,
    hash: &str,
    kind: CredentialKind,
) -> Result<Option<Principal>, AppError> {
    let now = chrono::Utc::now().naive_utc();
    let query = api_tokens::table
        .inner_join(schema::users::table)
        .filter(api_tokens::token_hash.eq(hash))
        .filter(api_tokens::kind.eq(kind.as_str()))
        .filter(api_tokens::revoked_at.is_null())
        .filter(
            api_tokens::expires_at
                .is_null()
                .or(api_tokens::expires_at.gt(now)),
        )
        .filter(schema::users::disabled_at.is_null())
        .select((
            schema::users::id,
            schema::users::email,
            schema::users::role,
            schema::users::organization_id,
            schema::users::totp_enabled_at.is_not_null(),
        ));
    // Every API call asks this: on the backend's own connection (see `natively!`).
    let row: Option<(i64, String, String, Option<i64>, bool)> =
        crate::db::natively!(conn, |c| query.first(c).optional())?;
    row.map(|(user_id, email, role, organization_id, second_factor)| {
        let role = Role::try_from(role).map_err(AppError::internal)?;
        Ok(Principal {
            user_id,
            email,
            role,
            organization_id,
            second_factor,
            request_id: None,
        })
    })
    .transpose()
}
