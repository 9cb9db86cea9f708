//! What every page shares: its title, the signed-in user and navigation, the CSRF token for the
//! logout button, and the stylesheet's URL.

use chrono::NaiveDate;

use crate::auth::Principal;
use crate::db::DbConnection;
use crate::domain::access::Role;
use crate::error::AppError;

/// The header's counts of a staff member's own work (open items, and how many are overdue), as
/// the work room counts them: `lib.rs` hands its counter to the pages as [`HeaderCounts`].
pub trait WorkCounts: Send + Sync + 'static {
    fn counts(
        &self,
        conn: &mut DbConnection,
        viewer: &Principal,
        today: NaiveDate,
    ) -> Result<(usize, usize), AppError>;
}

/// The counter of the header's work counts (app data).
pub struct HeaderCounts(pub Box<dyn WorkCounts>);

/// The frame of a page (templates/web/base.html).
pub struct Chrome {
    pub title: String,
    pub user: Option<ChromeUser>,
    pub csrf: String,
    pub stylesheet: String,
    /// A message shown once at the top (e.g. after filing).
    pub notice: Option<String>,
    /// A page for anyone (the published statistics and cases): their navigation, no user.
    pub public: bool,
}

pub struct ChromeUser {
    pub email: String,
    pub role_ja: &'static str,
    pub is_staff: bool,
    pub is_admin: bool,
    /// One's own work (staff): open items, and how many are overdue.
    pub work: Option<(usize, usize)>,
}

impl Chrome {
    pub fn new(title: impl Into<String>, user: Option<(&Principal, String)>) -> Self {
        let (user, csrf) = match user {
            Some((principal, csrf)) => (
                Some(ChromeUser {
                    email: principal.email.clone(),
                    role_ja: role_ja(principal.role),
                    is_staff: principal.role.is_staff(),
                    is_admin: principal.role == Role::Admin,
                    work: None,
                }),
                csrf,
            ),
            None => (None, String::new()),
        };
        Self {
            title: title.into(),
            user,
            csrf,
            stylesheet: super::assets::stylesheet_url(),
            notice: None,
            public: false,
        }
    }

    /// The frame of a public page: the same for every reader, signed in or not.
    pub fn public(title: impl Into<String>) -> Self {
        Self {
            public: true,
            ..Self::new(title, None)
        }
    }

    /// The header's counts of the user's own work.
    pub fn with_work(mut self, work: Option<(usize, usize)>) -> Self {
        if let Some(user) = &mut self.user {
            user.work = work;
        }
        self
    }

    pub fn with_notice(mut self, notice: Option<String>) -> Self {
        self.notice = notice;
        self
    }
}

pub fn role_ja(role: Role) -> &'static str {
    match role {
        Role::Admin => "管理者",
        Role::Staff => "監視・監督担当",
        Role::Reporter => "報告者",
    }
}
