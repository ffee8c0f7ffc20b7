//! Rate limits on what one account or one address may do in a while: post, sign up, log in,
//! report, ask for links by email. Counted in the database (fixed windows), so several nodes share them; over the
//! limit the use case fails with [`Error::RateLimited`], which says when to try again.

use std::net::IpAddr;

use time::OffsetDateTime;

use crate::settings::Limit;
use crate::{Error, Result, Tribune};

/// What is being limited, and for whom.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Throttle<'a> {
    CommentByAccount(i64),
    CommentFromAddress(&'a str),
    SignUpFromAddress(&'a str),
    LogInFromAddress(&'a str),
    LogInToAccount(&'a str),
    ReportByAccount(i64),
    PasswordResetFromAddress(&'a str),
    /// Links by email to one address, whoever asks for them.
    MailToAccount(&'a str),
}

/// What an address may do only so often.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FromAddress {
    Comment,
    SignUp,
    LogIn,
    PasswordReset,
}

impl Throttle<'_> {
    fn key(&self) -> String {
        match self {
            Throttle::CommentByAccount(id) => format!("comment:account:{id}"),
            Throttle::CommentFromAddress(hash) => format!("comment:address:{hash}"),
            Throttle::SignUpFromAddress(hash) => format!("signup:address:{hash}"),
            Throttle::LogInFromAddress(hash) => format!("login:address:{hash}"),
            Throttle::LogInToAccount(email) => {
                format!("login:account:{}", crate::secret::hash(email))
            }
            Throttle::ReportByAccount(id) => format!("report:account:{id}"),
            Throttle::PasswordResetFromAddress(hash) => format!("reset:address:{hash}"),
            Throttle::MailToAccount(email) => {
                format!("mail:account:{}", crate::secret::hash(email))
            }
        }
    }

    fn what(&self) -> &'static str {
        match self {
            Throttle::CommentByAccount(_) | Throttle::CommentFromAddress(_) => {
                "You are posting comments faster than this site allows."
            }
            Throttle::SignUpFromAddress(_) => "Too many accounts were created from your network.",
            Throttle::LogInFromAddress(_) | Throttle::LogInToAccount(_) => {
                "Too many log-in attempts."
            }
            Throttle::ReportByAccount(_) => "You have sent many reports in a short time.",
            Throttle::PasswordResetFromAddress(_) => {
                "Too many password resets were asked for from your network."
            }
            Throttle::MailToAccount(_) => "Several emails were sent to this address already.",
        }
    }
}

impl Tribune {
    fn limit_of(&self, throttle: &Throttle<'_>) -> Limit {
        let limits = &self.settings().rate_limits;
        match throttle {
            Throttle::CommentByAccount(_) => limits.comments_per_account,
            Throttle::CommentFromAddress(_) => limits.comments_per_address,
            Throttle::SignUpFromAddress(_) => limits.signups_per_address,
            Throttle::LogInFromAddress(_) => limits.logins_per_address,
            Throttle::LogInToAccount(_) => limits.logins_per_account,
            Throttle::ReportByAccount(_) => limits.reports_per_account,
            Throttle::PasswordResetFromAddress(_) => limits.password_resets_per_address,
            Throttle::MailToAccount(_) => limits.emails_per_account,
        }
    }

    /// Counts one action against its limit; over the limit, fails with when to try again.
    pub(crate) async fn throttle(&self, throttle: Throttle<'_>) -> Result<()> {
        if !self.settings().rate_limits.enabled {
            return Ok(());
        }
        let limit = self.limit_of(&throttle);
        let now = Self::now();
        let per = i64::from(limit.per_secs.max(1));
        let started = now.unix_timestamp().div_euclid(per) * per;
        let window_start = OffsetDateTime::from_unix_timestamp(started)
            .map_err(|e| Error::Internal(e.to_string()))?;
        let ends = window_start + time::Duration::seconds(per);
        let hits = self
            .store()
            .hit_rate_limit(&throttle.key(), window_start, ends)
            .await?;
        if hits > i64::from(limit.max) {
            let retry_after = u64::try_from((ends - now).whole_seconds().max(1)).unwrap_or(1);
            metrics::counter!("tribune_rate_limited_total").increment(1);
            return Err(Error::RateLimited {
                retry_after,
                message: format!(
                    "{} Please wait {} before trying again.",
                    throttle.what(),
                    wait_label(retry_after)
                ),
            });
        }
        Ok(())
    }

    /// Limits an action by the address it comes from, when the address is known.
    pub(crate) async fn throttle_address(
        &self,
        address: Option<IpAddr>,
        action: FromAddress,
    ) -> Result<()> {
        if !self.settings().rate_limits.enabled {
            return Ok(());
        }
        if let Some(hash) = self.address_hash(address).await? {
            self.throttle(match action {
                FromAddress::Comment => Throttle::CommentFromAddress(&hash),
                FromAddress::SignUp => Throttle::SignUpFromAddress(&hash),
                FromAddress::LogIn => Throttle::LogInFromAddress(&hash),
                FromAddress::PasswordReset => Throttle::PasswordResetFromAddress(&hash),
            })
            .await?;
        }
        Ok(())
    }

    /// Forgets rate-limit windows that have ended (run periodically).
    pub async fn sweep_rate_limits(&self) -> Result<u64> {
        Ok(self.store().sweep_rate_limits(Self::now()).await?)
    }
}

fn wait_label(seconds: u64) -> String {
    match seconds {
        0..=1 => "a second".to_owned(),
        2..=90 => format!("{seconds} seconds"),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    }
}
