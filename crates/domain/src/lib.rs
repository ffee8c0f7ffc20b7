//! Tribune's domain: the nouns of a news discussion (articles, comments, users) and the rules
//! that hold for them whatever stores or serves them.
//!
//! Architecture invariant: this crate does no IO and knows nothing of HTTP, SQL or JSON
//! shapes. Input from outside enters as plain strings and leaves as validated values
//! ("parse, don't validate"); every limit a reader can hit is checked here, once.

pub mod article;
pub mod comment;
pub mod live;
pub mod mail;
pub mod mention;
pub mod moderation;
pub mod newsroom_feed;
pub mod notification;
pub mod password;
pub mod quote;
pub mod thread;
pub mod user;
pub mod validation;
pub mod web_address;

pub use article::{Article, ArticleDraft, CommentPolicy, Slug};
pub use comment::{Comment, CommentBody, CommentStatus};
pub use mail::Mail;
pub use user::{DisplayName, Email, Role, User};
pub use validation::Invalid;
pub use web_address::CanonicalUrl;
