//! Moderation rules: when a comment waits for a moderator, what readers may report, bans,
//! and the notes and reasons moderators write.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::article::CommentPolicy;
use crate::user::User;
use crate::validation::{Invalid, single_line};

/// How the site moderates discussions whose article does not choose (policy `open`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ModerationMode {
    /// Comments are published at once unless the assessment holds them.
    #[default]
    Post,
    /// Every comment waits for a moderator.
    Pre,
    /// Comments of accounts not yet trusted wait for a moderator.
    PreUntrusted,
}

/// What the moderation rules need to know about a comment's author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// Moderators and administrators.
    pub staff: bool,
    /// Marked trusted by a moderator.
    pub trusted: bool,
    /// Comments of theirs that are published.
    pub published_comments: i64,
}

impl Standing {
    /// Whether the author counts as trusted: staff, marked trusted, or with at least
    /// `earned_after` published comments (0 = trust is never earned by history alone).
    pub fn is_trusted(&self, earned_after: i64) -> bool {
        self.staff || self.trusted || (earned_after > 0 && self.published_comments >= earned_after)
    }
}

/// Whether a comment that the assessment would publish must still wait for a moderator,
/// under the article's policy and the site's mode.
pub fn needs_review(
    policy: CommentPolicy,
    mode: ModerationMode,
    standing: Standing,
    trusted_after: i64,
) -> bool {
    if standing.staff {
        return false;
    }
    let mode = match policy {
        CommentPolicy::PostModerated => ModerationMode::Post,
        CommentPolicy::PreModerated => ModerationMode::Pre,
        CommentPolicy::PreModerateUntrusted => ModerationMode::PreUntrusted,
        CommentPolicy::Open | CommentPolicy::Closed => mode,
    };
    match mode {
        ModerationMode::Post => false,
        // Trust skips pre-moderation, by a moderator's decision only.
        ModerationMode::Pre => !standing.trusted,
        ModerationMode::PreUntrusted => !standing.is_trusted(trusted_after),
    }
}

/// Why a reader reports a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportReason {
    Spam,
    Abuse,
    OffTopic,
    /// Illegal content: the reporter must say what and why.
    Illegal,
}

impl ReportReason {
    pub const ALL: [ReportReason; 4] = [
        ReportReason::Spam,
        ReportReason::Abuse,
        ReportReason::OffTopic,
        ReportReason::Illegal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Abuse => "abuse",
            ReportReason::OffTopic => "off_topic",
            ReportReason::Illegal => "illegal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Spam => "Spam or advertising",
            ReportReason::Abuse => "Abuse, insults or harassment",
            ReportReason::OffTopic => "Off topic",
            ReportReason::Illegal => "Illegal content",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim().replace('-', "_").as_str() {
            "spam" => Ok(ReportReason::Spam),
            "abuse" => Ok(ReportReason::Abuse),
            "off_topic" => Ok(ReportReason::OffTopic),
            "illegal" => Ok(ReportReason::Illegal),
            _ => Err(Invalid::new(
                "reason",
                "unknown_reason",
                "Choose why you report this comment: spam, abuse, off_topic or illegal.",
            )),
        }
    }

    /// Whether one report is enough to send the comment to moderators.
    pub fn is_urgent(self) -> bool {
        self == ReportReason::Illegal
    }
}

/// A reader's report: a reason, and details (required for illegal content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub reason: ReportReason,
    pub details: String,
}

impl Report {
    pub const MAX_DETAILS: usize = 1000;

    pub fn parse(reason: &str, details: &str) -> Result<Self, Invalid> {
        let reason = ReportReason::parse(reason)?;
        let details = details.trim();
        if details.chars().count() > Self::MAX_DETAILS {
            return Err(Invalid::new(
                "details",
                "too_long",
                format!(
                    "The details are {} characters long; the limit is {}.",
                    details.chars().count(),
                    Self::MAX_DETAILS
                ),
            )
            .with_count(details.chars().count())
            .with_limit(Self::MAX_DETAILS));
        }
        if reason == ReportReason::Illegal && details.is_empty() {
            return Err(Invalid::new(
                "details",
                "empty",
                "Say what is illegal in this comment and why, so moderators can act on it.",
            ));
        }
        Ok(Self {
            reason,
            details: details.to_owned(),
        })
    }
}

/// A note, reason or explanation a moderator writes for readers to see: one line, short.
pub fn moderator_text(field: &'static str, label: &str, raw: &str) -> Result<String, Invalid> {
    single_line(field, label, raw, true, 500)
}

/// A ban in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    /// `None` for a permanent ban.
    pub until: Option<OffsetDateTime>,
    pub reason: String,
}

impl Ban {
    /// What the banned reader is told when they try to take part.
    pub fn message(&self) -> String {
        let reason = if self.reason.is_empty() {
            String::new()
        } else {
            format!(" Reason: {}", self.reason)
        };
        match self.until {
            None => format!("Your account is banned from taking part.{reason}"),
            Some(until) => format!(
                "Your account is suspended until {} UTC.{reason}",
                until
                    .format(time::macros::format_description!(
                        "[year]-[month]-[day] [hour]:[minute]"
                    ))
                    .unwrap_or_default()
            ),
        }
    }
}

/// The end of a permanent ban: a time no temporary ban reaches.
pub const PERMANENT: OffsetDateTime = time::macros::datetime!(9999-12-31 00:00 UTC);

impl User {
    /// The ban in force at `now`, if any.
    pub fn ban_at(&self, now: OffsetDateTime) -> Option<Ban> {
        match self.banned_until {
            Some(until) if until > now => Some(Ban {
                until: (until < PERMANENT).then_some(until),
                reason: self.ban_reason.clone().unwrap_or_default(),
            }),
            _ => None,
        }
    }
}

/// Everything a moderator or administrator can do, as named in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Approve,
    Reject,
    Edit,
    NoteComment,
    NoteDiscussion,
    Feature,
    Unfeature,
    CloseDiscussion,
    ReopenDiscussion,
    Ban,
    Unban,
    Trust,
    Distrust,
    DismissReports,
    SetRole,
    Delete,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Edit => "edit",
            Action::NoteComment => "note_comment",
            Action::NoteDiscussion => "note_discussion",
            Action::Feature => "feature",
            Action::Unfeature => "unfeature",
            Action::CloseDiscussion => "close_discussion",
            Action::ReopenDiscussion => "reopen_discussion",
            Action::Ban => "ban",
            Action::Unban => "unban",
            Action::Trust => "trust",
            Action::Distrust => "distrust",
            Action::DismissReports => "dismiss_reports",
            Action::SetRole => "set_role",
            Action::Delete => "delete",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(staff: bool, trusted: bool, published: i64) -> Standing {
        Standing {
            staff,
            trusted,
            published_comments: published,
        }
    }

    #[test]
    fn review_follows_the_article_then_the_site() {
        let newcomer = standing(false, false, 0);
        let regular = standing(false, false, 5);
        let trusted = standing(false, true, 0);
        let staff = standing(true, false, 0);
        use CommentPolicy as P;
        use ModerationMode as M;
        assert!(!needs_review(P::Open, M::Post, newcomer, 3));
        assert!(needs_review(P::Open, M::Pre, regular, 3));
        assert!(!needs_review(P::Open, M::Pre, trusted, 3));
        assert!(!needs_review(P::Open, M::Pre, staff, 3));
        assert!(needs_review(P::Open, M::PreUntrusted, newcomer, 3));
        assert!(!needs_review(P::Open, M::PreUntrusted, regular, 3));
        assert!(needs_review(P::PreModerated, M::Post, regular, 3));
        assert!(!needs_review(P::PostModerated, M::Pre, newcomer, 3));
        assert!(needs_review(P::PreModerateUntrusted, M::Post, newcomer, 3));
        assert!(needs_review(P::PreModerateUntrusted, M::Post, regular, 0));
    }

    #[test]
    fn illegal_content_reports_need_details() {
        assert!(Report::parse("illegal", " ").is_err());
        assert!(Report::parse("illegal", "Names a protected witness").is_ok());
        assert_eq!(
            Report::parse("off-topic", "").map(|r| r.reason),
            Ok(ReportReason::OffTopic)
        );
        assert_eq!(
            Report::parse("rude", "").map_err(|e| e.code),
            Err("unknown_reason")
        );
    }
}
