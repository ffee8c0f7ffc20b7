//! Sign-up, log-in, sessions, roles, and newsroom API tokens.

use std::net::IpAddr;

use time::{Duration, OffsetDateTime};
use tribune_domain::password::{self, NewPassword};
use tribune_domain::{DisplayName, Email, Role, User};
use tribune_store::NewUser;

use crate::rate_limits::{FromAddress, Throttle};
use crate::viewing_sessions::Viewing;
use crate::{Error, Result, Tribune, secret};

/// What a sign-up form or request carries.
#[derive(Debug, Clone, Default)]
pub struct SignUp {
    pub display_name: String,
    pub email: String,
    pub password: String,
}

/// A new session: the secret goes into the cookie, only its hash into the database.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub user: User,
    pub max_age: Duration,
}

/// What a session cookie turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    Valid(User),
    /// A cookie was sent but its session is over (expired, or logged out elsewhere).
    Ended,
}

/// Who is asking: a signed-in reader, someone whose session just ended, or nobody.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Viewer {
    #[default]
    Anonymous,
    SessionEnded,
    User(User),
}

impl Viewer {
    pub fn user(&self) -> Option<&User> {
        match self {
            Viewer::User(user) => Some(user),
            _ => None,
        }
    }

    /// The signed-in reader, or the reason there is none.
    pub fn require_user(&self) -> Result<&User> {
        match self {
            Viewer::User(user) => Ok(user),
            Viewer::SessionEnded => Err(Error::SessionExpired),
            Viewer::Anonymous => Err(Error::Unauthenticated),
        }
    }

    pub fn require_moderator(&self) -> Result<&User> {
        let user = self.require_user()?;
        if !user.role.can_moderate() {
            return Err(Error::Forbidden("Only moderators can do that."));
        }
        Ok(user)
    }

    /// The signed-in reader, if they may take part now (not banned).
    pub fn require_participant(&self) -> Result<&User> {
        let user = self.require_user()?;
        if let Some(ban) = user.ban_at(crate::Tribune::now()) {
            return Err(Error::Banned(ban.message()));
        }
        Ok(user)
    }

    pub fn require_admin(&self) -> Result<&User> {
        let user = self.require_user()?;
        if !user.role.is_admin() {
            return Err(Error::Forbidden("Only administrators can do that."));
        }
        Ok(user)
    }
}

/// Totals for the administration overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteCounts {
    pub articles: i64,
    pub users: i64,
    pub comments: i64,
}

/// A newsroom system authenticated by a bearer token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub token_id: i64,
    pub name: String,
}

impl Tribune {
    /// Creates a reader account, sends the link that verifies its address, and logs it in.
    /// `proof_of_work` answers a challenge when the site asks for one
    /// (`proof_of_work.signups`).
    pub async fn sign_up(
        &self,
        form: &SignUp,
        proof_of_work: Option<&str>,
        address: Option<IpAddr>,
    ) -> Result<NewSession> {
        self.throttle_address(address, FromAddress::SignUp).await?;
        self.check_proof_of_work(crate::proof_of_work::Purpose::SignUp, proof_of_work)
            .await?;
        let user = self.create_account(form, Role::Reader).await?;
        // The language they signed up in is the language of their emails until they choose
        // another.
        self.store()
            .set_reader_language(user.id, tribune_i18n::current().code())
            .await?;
        self.welcome(&user).await;
        self.start_session(user).await
    }

    /// Creates an account with any role (the CLI's `user add`).
    pub async fn create_account(&self, form: &SignUp, role: Role) -> Result<User> {
        let display_name = DisplayName::parse(&form.display_name)?;
        let email = Email::parse(&form.email)?;
        let password = NewPassword::parse(&form.password, email.as_str(), display_name.as_str())?;
        let name_key = display_name.key();
        if let Some(existing) = self.store().user_by_name_key(&name_key).await? {
            return Err(name_taken(&existing.display_name));
        }
        let password_hash = tokio::task::spawn_blocking(move || password.hash())
            .await?
            .map_err(|e| Error::Internal(e.to_string()))?;
        let inserted = self
            .store()
            .insert_user(&NewUser {
                email: email.as_str(),
                display_name: display_name.as_str(),
                name_key: &name_key,
                password_hash: Some(&password_hash),
                role,
                created_at: Self::now(),
            })
            .await;
        match inserted {
            Ok(user) => Ok(user),
            Err(tribune_store::Error::Conflict("email")) => Err(Error::Taken {
                field: "email",
                message: "An account with that email address already exists. Log in instead, \
                          or use another address."
                    .to_owned(),
            }),
            // Another sign-up took the name between the check above and the insert.
            Err(tribune_store::Error::Conflict(_)) => Err(name_taken(display_name.as_str())),
            Err(other) => Err(other.into()),
        }
    }

    /// Checks an email and password and starts a session. Unknown emails cost the same time
    /// as wrong passwords, so the answer does not tell which accounts exist.
    pub async fn log_in(
        &self,
        email: &str,
        password: &str,
        address: Option<IpAddr>,
    ) -> Result<NewSession> {
        let email = email.trim().to_lowercase();
        self.throttle_address(address, FromAddress::LogIn).await?;
        self.throttle(Throttle::LogInToAccount(&email)).await?;
        let found = self.store().user_by_email(&email).await?;
        let (user, hash) = match found {
            Some(f) => (Some(f.user), f.password_hash),
            None => (None, None),
        };
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            let hash = hash.as_deref().unwrap_or_else(|| password::dummy_hash());
            password::verify(&password, hash)
        })
        .await?;
        match user {
            Some(user) if matches => self.start_session(user).await,
            _ => Err(Error::BadCredentials),
        }
    }

    pub(crate) async fn start_session(&self, user: User) -> Result<NewSession> {
        let token = secret::generate();
        let now = Self::now();
        let max_age = Duration::days(self.settings().accounts.session_days);
        self.store()
            .insert_session(&secret::hash(&token), user.id, now, now + max_age)
            .await?;
        Ok(NewSession {
            token,
            user,
            max_age,
        })
    }

    /// Resolves a session cookie.
    pub async fn session(&self, token: &str) -> Result<SessionState> {
        Ok(match self.live_session(&secret::hash(token)).await? {
            Some((user, _)) => SessionState::Valid(user),
            None => SessionState::Ended,
        })
    }

    /// The reader of the session under `hash` and when it ends, while it lasts; an expired
    /// session is deleted.
    async fn live_session(&self, hash: &str) -> Result<Option<(User, OffsetDateTime)>> {
        match self.store().session(hash).await? {
            Some((user, expires_at)) if expires_at > Self::now() => Ok(Some((user, expires_at))),
            Some(_) => {
                self.store().delete_session(hash).await?;
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Resolves a session cookie for a view (a request that changes nothing), with the
    /// reader's unread notifications when `with_unread` (else 0): from this node's memory
    /// when the session was read within `http.max_staleness_ms` (see
    /// [`crate::viewing_sessions`]). Writes resolve theirs with [`Tribune::session`].
    pub async fn viewing_session(
        &self,
        token: &str,
        with_unread: bool,
    ) -> Result<(SessionState, i64)> {
        let hash = secret::hash(token);
        let sessions = &self.inner.viewing_sessions;
        let (mut viewing, mut read) = match sessions.get(&hash) {
            Some(viewing) if viewing.expires_at > Self::now() => (viewing, false),
            _ => {
                let started = std::time::Instant::now();
                let Some((user, expires_at)) = self.live_session(&hash).await? else {
                    return Ok((SessionState::Ended, 0));
                };
                (Viewing::new(user, expires_at, started), true)
            }
        };
        let unread = match viewing.unread {
            _ if !with_unread => 0,
            Some(unread) => unread,
            None => {
                let unread = self.store().unread_notifications(viewing.user.id).await?;
                viewing.unread = Some(unread);
                read = true;
                unread
            }
        };
        if read {
            sessions.keep(hash, viewing.clone());
        }
        Ok((SessionState::Valid(viewing.user), unread))
    }

    /// Forgets what this node remembers of a session for views: its reader just changed
    /// something, and their next page must show it.
    pub fn forget_viewing_session(&self, token: &str) {
        self.inner.viewing_sessions.forget(&secret::hash(token));
    }

    /// Tells this node that a reader's account changed: their views read it again.
    pub(crate) fn account_changed(&self, user_id: i64) {
        self.inner.viewing_sessions.forget_user(user_id);
    }

    /// Deletes sessions that have expired; returns how many. Run periodically.
    pub async fn sweep_sessions(&self) -> Result<u64> {
        Ok(self.store().delete_expired_sessions(Self::now()).await?)
    }

    pub async fn log_out(&self, token: &str) -> Result<()> {
        Ok(self.store().delete_session(&secret::hash(token)).await?)
    }

    pub async fn user(&self, id: i64) -> Result<User> {
        self.store().user(id).await?.ok_or(Error::NotFound("user"))
    }

    /// Changes a user's role; admins only, and never their own (so a site keeps an admin).
    pub async fn set_role(&self, viewer: &Viewer, user_id: i64, role: Role) -> Result<()> {
        let admin = viewer.require_admin()?;
        if admin.id == user_id {
            return Err(Error::Forbidden(
                "You cannot change your own role; ask another administrator.",
            ));
        }
        let user = self.user(user_id).await?;
        let entry = crate::moderation::audit(
            admin,
            tribune_domain::moderation::Action::SetRole,
            "user",
            user_id,
            "",
            serde_json::json!({"role": user.role.as_str()}),
            serde_json::json!({"role": role.as_str()}),
        );
        self.store()
            .set_role(user_id, role, &entry)
            .await
            .map_err(|e| match e {
                tribune_store::Error::NotFound => Error::NotFound("user"),
                other => other.into(),
            })?;
        self.account_changed(user_id);
        Ok(())
    }

    /// A page of accounts, newest first, for administrators.
    pub async fn accounts(&self, viewer: &Viewer, limit: i64, offset: i64) -> Result<Vec<User>> {
        viewer.require_admin()?;
        Ok(self.store().users(limit, offset.max(0)).await?)
    }

    /// How much the site holds, for administrators.
    pub async fn site_counts(&self, viewer: &Viewer) -> Result<SiteCounts> {
        viewer.require_admin()?;
        let store = self.store();
        Ok(SiteCounts {
            articles: store.count_articles().await?,
            users: store.count_users().await?,
            comments: store.count_comments().await?,
        })
    }

    /// Creates a bearer token for a newsroom system; returns the secret, shown once.
    pub async fn create_api_token(&self, name: &str, role: &str) -> Result<String> {
        let name =
            tribune_domain::validation::single_line("name", "A token name", name, true, 100)?;
        if role != "editor" {
            return Err(tribune_domain::Invalid::new(
                "role",
                "unknown_role",
                "API tokens have the role editor.",
            )
            .into());
        }
        let token = format!("trb_{}", secret::generate());
        self.store()
            .insert_api_token(&name, role, &secret::hash(&token), Self::now())
            .await?;
        Ok(token)
    }

    /// The editor a bearer token belongs to.
    pub async fn editor(&self, token: &str) -> Result<Editor> {
        match self.store().api_token(&secret::hash(token)).await? {
            Some(t) if t.role == "editor" => Ok(Editor {
                token_id: t.id,
                name: t.name,
            }),
            _ => Err(Error::Forbidden(
                "That API token is not valid, or has been revoked.",
            )),
        }
    }
}

fn name_taken(existing: &str) -> Error {
    Error::Taken {
        field: "display_name",
        message: format!(
            "That display name is taken, or looks too much like “{existing}”. Please choose another."
        ),
    }
}
