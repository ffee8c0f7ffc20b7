//! Links sent by email: verifying a reader's address (at sign-up, or again on request), and
//! resetting a forgotten password. A link is a random secret stored as its hash, valid for a
//! while, used up by the transaction that acts on it.

use std::net::IpAddr;

use tribune_domain::password::NewPassword;
use tribune_domain::{Email, Mail, User};
use tribune_i18n::{text, text_with};
use tribune_store::{NewEmailToken, TokenPurpose};

use crate::accounts::Viewer;
use crate::rate_limits::{FromAddress, Throttle};
use crate::{Error, Result, Tribune, secret};

const NO_EMAIL_VERIFICATION: &str =
    "This site does not send email, so email addresses cannot be verified here.";
const NO_EMAIL_RESET: &str = "This site does not send email, so a password cannot be reset by \
    email. Ask the site's administrators for help.";
const VERIFICATION_LINK_NOT_VALID: &str = "This verification link has expired or was already \
    used. If your address is not verified yet, log in and ask for a new link on your account \
    page.";
const RESET_LINK_NOT_VALID: &str = "This password-reset link has expired or was already used. \
    Ask for a new one on the “Forgot your password?” page.";

/// What asking for a new verification link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerificationRequest {
    Sent,
    AlreadyVerified,
}

impl Tribune {
    /// The signed-in reader, if they may post now: not banned, and with a verified address
    /// where the site asks for one (`accounts.require_verified_email`). Moderators and
    /// administrators were vetted when they were given their role.
    pub(crate) fn require_author<'a>(&self, viewer: &'a Viewer) -> Result<&'a User> {
        let user = viewer.require_participant()?;
        if self.settings().accounts.require_verified_email
            && !user.email_verified
            && !user.role.can_moderate()
        {
            return Err(Error::EmailNotVerified(user.email.clone()));
        }
        Ok(user)
    }

    /// After sign-up: the verification mail, when the site sends email. A failure leaves the
    /// account as it is; the reader can ask for a new link.
    pub(crate) async fn welcome(&self, user: &User) {
        if !self.email_enabled() {
            return;
        }
        if let Err(err) = self.send_verification(user).await {
            tracing::warn!(error = %err, user = user.id, "could not queue the verification mail");
        }
    }

    /// A new verification link, asked for by the signed-in reader.
    pub async fn request_verification(&self, viewer: &Viewer) -> Result<VerificationRequest> {
        let user = viewer.require_user()?;
        if !self.email_enabled() {
            return Err(Error::EmailDisabled(NO_EMAIL_VERIFICATION));
        }
        if user.email_verified {
            return Ok(VerificationRequest::AlreadyVerified);
        }
        self.throttle(Throttle::MailToAccount(&user.email)).await?;
        self.send_verification(user).await?;
        Ok(VerificationRequest::Sent)
    }

    async fn send_verification(&self, user: &User) -> Result<()> {
        let hours = self.settings().email.verification_hours;
        let token = secret::generate();
        let url = format!("{}/verify-email/{token}", self.settings().base_url());
        let site = &self.settings().site.name;
        // Sent during the reader's request (sign-up, or asking again): in its language.
        let mail = Mail {
            to: user.email.clone(),
            subject: text_with("mail-verify-subject", &[("site", site.as_str().into())]),
            text: format!(
                "{hello}\n\n{body}\n\n{url}\n\n{expiry}\n",
                hello = text_with("mail-hello", &[("name", user.display_name.as_str().into())]),
                body = text("mail-verify-body"),
                expiry = text_with(
                    "mail-verify-expiry",
                    &[("hours", hours.into()), ("site", site.as_str().into())]
                ),
            ),
            ..Mail::default()
        };
        self.issue_link(user, TokenPurpose::VerifyEmail, &token, hours * 60, &mail)
            .await
    }

    /// Follows a verification link: the address it was sent to is verified.
    pub async fn verify_email(&self, token: &str) -> Result<User> {
        let user_id = self
            .store()
            .verify_email(&secret::hash(token), Self::now())
            .await?
            .ok_or(Error::LinkNotValid(VERIFICATION_LINK_NOT_VALID))?;
        self.account_changed(user_id);
        self.user(user_id).await
    }

    /// Sends a password-reset link to `email` if an account has that address. The answer is
    /// the same either way, and takes as long, so it does not tell who has an account.
    pub async fn request_password_reset(&self, email: &str, address: Option<IpAddr>) -> Result<()> {
        if !self.email_enabled() {
            return Err(Error::EmailDisabled(NO_EMAIL_RESET));
        }
        let email = Email::parse(email)?;
        self.throttle_address(address, FromAddress::PasswordReset)
            .await?;
        self.throttle(Throttle::MailToAccount(email.as_str()))
            .await?;
        if let Some(found) = self.store().user_by_email(email.as_str()).await? {
            // Issued after the answer, so that the time taken does not tell either.
            let tribune = self.clone();
            tokio::spawn(async move {
                if let Err(err) = tribune.send_reset(&found.user).await {
                    tracing::warn!(error = %err, user = found.user.id, "could not queue a password reset");
                }
            });
        }
        Ok(())
    }

    async fn send_reset(&self, user: &User) -> Result<()> {
        let minutes = self.settings().email.reset_minutes;
        let token = secret::generate();
        let url = format!("{}/password-reset/{token}", self.settings().base_url());
        let site = &self.settings().site.name;
        let mail = Mail {
            to: user.email.clone(),
            subject: text_with("mail-reset-subject", &[("site", site.as_str().into())]),
            text: format!(
                "{hello}\n\n{body}\n\n{url}\n\n{expiry}\n",
                hello = text_with("mail-hello", &[("name", user.display_name.as_str().into())]),
                body = text_with("mail-reset-body", &[("site", site.as_str().into())]),
                expiry = text_with("mail-reset-expiry", &[("minutes", minutes.into())]),
            ),
            ..Mail::default()
        };
        self.issue_link(user, TokenPurpose::ResetPassword, &token, minutes, &mail)
            .await
    }

    async fn issue_link(
        &self,
        user: &User,
        purpose: TokenPurpose,
        token: &str,
        valid_minutes: i64,
        mail: &Mail,
    ) -> Result<()> {
        let now = Self::now();
        self.store()
            .issue_email_token(
                &NewEmailToken {
                    token_hash: &secret::hash(token),
                    purpose,
                    user_id: user.id,
                    email: &user.email,
                    created_at: now,
                    expires_at: now + time::Duration::minutes(valid_minutes),
                },
                mail,
            )
            .await?;
        self.wake_mailer();
        Ok(())
    }

    /// The account a password-reset link is for, while it is valid (to show the form).
    pub async fn password_reset_account(&self, token: &str) -> Result<User> {
        self.store()
            .email_token_user(
                &secret::hash(token),
                TokenPurpose::ResetPassword,
                Self::now(),
            )
            .await?
            .ok_or(Error::LinkNotValid(RESET_LINK_NOT_VALID))
    }

    /// Sets a new password through a reset link: the link is used up, every session of the
    /// account ends, and nobody is logged in. The account gets a mail saying so.
    pub async fn reset_password(&self, token: &str, password: &str) -> Result<User> {
        let user = self.password_reset_account(token).await?;
        let password = NewPassword::parse(password, &user.email, &user.display_name)?;
        let password_hash = tokio::task::spawn_blocking(move || password.hash())
            .await?
            .map_err(|e| Error::Internal(e.to_string()))?;
        self.store()
            .reset_password(&secret::hash(token), &password_hash, Self::now())
            .await?
            .ok_or(Error::LinkNotValid(RESET_LINK_NOT_VALID))?;
        self.account_changed(user.id);
        let site = &self.settings().site.name;
        let again = format!("{}/password-reset", self.settings().base_url());
        self.queue_mail(&Mail {
            to: user.email.clone(),
            subject: text_with(
                "mail-password-changed-subject",
                &[("site", site.as_str().into())],
            ),
            text: format!(
                "{hello}\n\n{body}\n",
                hello = text_with("mail-hello", &[("name", user.display_name.as_str().into())]),
                body = text_with(
                    "mail-password-changed-body",
                    &[("site", site.as_str().into()), ("url", again.into())]
                ),
            ),
            ..Mail::default()
        })
        .await?;
        Ok(user)
    }

    /// Forgets links that have expired (run periodically).
    pub async fn sweep_email_tokens(&self) -> Result<u64> {
        Ok(self.store().sweep_email_tokens(Self::now()).await?)
    }
}
