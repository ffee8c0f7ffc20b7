//! The use-case layer's error: what went wrong, in terms a person can act on. The web layer
//! maps each variant to an HTTP status in one place.

use tribune_domain::Invalid;
use tribune_domain::article::ClosedReason;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input breaks a rule; names the field.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// Something unique is already used (an email, a display name, a slug).
    #[error("{message}")]
    Taken {
        field: &'static str,
        message: String,
    },
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The action needs a signed-in reader and there is none.
    #[error("You need to log in to do that.")]
    Unauthenticated,
    /// The reader was signed in, but the session ended.
    #[error("Your session has expired. Please log in again; what you wrote is kept below.")]
    SessionExpired,
    #[error("The email address or password is not right.")]
    BadCredentials,
    /// Signed in, but not allowed.
    #[error("{0}")]
    Forbidden(&'static str),
    /// Posting waits until the reader verifies their address (`accounts.require_verified_email`).
    #[error(
        "Please confirm your email address before you post: open the link we sent to {0}. \
         Nothing arrived? Ask for a new link on your account page (/account)."
    )]
    EmailNotVerified(String),
    /// What was asked needs email, and this site sends none.
    #[error("{0}")]
    EmailDisabled(&'static str),
    /// A link from an email that is unknown, used up or expired; says what to do instead.
    #[error("{0}")]
    LinkNotValid(&'static str),
    /// A newsroom's single sign-on was refused; says why, for the newsroom's developers.
    #[error("{0}")]
    SsoRefused(&'static str),
    /// The account is banned or suspended; the message says until when and why.
    #[error("{0}")]
    Banned(String),
    /// The assessment would hold the comment as likely abusive: the author may revise it, or
    /// submit it as it is.
    #[error(
        "This comment looks likely to break the house rules, so it would wait for a moderator. \
         You can revise it, or post it as it is."
    )]
    LikelyAbusive(Vec<tribune_assess::Reason>),
    /// Too many actions in a while; `retry_after` seconds until the next is accepted.
    #[error("{message}")]
    RateLimited { retry_after: u64, message: String },
    #[error("{}", closed_message(*.0))]
    CommentsClosed(ClosedReason),
    #[error("storage failed: {0}")]
    Store(#[source] tribune_store::Error),
    #[error("internal error: {0}")]
    Internal(String),
}

fn closed_message(reason: ClosedReason) -> &'static str {
    match reason {
        ClosedReason::Closed => "Comments on this article are closed.",
        ClosedReason::ClosingTimePassed => {
            "The discussion of this article has closed; new comments are no longer accepted."
        }
    }
}

impl From<tribune_store::Error> for Error {
    fn from(err: tribune_store::Error) -> Self {
        match err {
            tribune_store::Error::Conflict(what) => Error::Taken {
                field: what,
                message: format!("That {} is already taken.", what.replace('_', " ")),
            },
            other => Error::Store(other),
        }
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(err: tokio::task::JoinError) -> Self {
        Error::Internal(format!("background task failed: {err}"))
    }
}
