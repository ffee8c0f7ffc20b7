//! Notifications: what a reader is told about, and how they want to hear of it by email.

use serde::Serialize;

use crate::moderation::Action;
use crate::validation::Invalid;

/// What happened that concerns the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NotificationKind {
    /// Someone answered the reader's comment.
    Reply,
    /// Someone named the reader in a comment.
    Mention,
    /// A moderator published the reader's held (or rejected) comment.
    Approved,
    /// A moderator rejected the reader's comment, with a reason.
    Rejected,
    /// A moderator edited the reader's comment, with a note.
    Edited,
}

impl NotificationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NotificationKind::Reply => "reply",
            NotificationKind::Mention => "mention",
            NotificationKind::Approved => "approved",
            NotificationKind::Rejected => "rejected",
            NotificationKind::Edited => "edited",
        }
    }

    /// Reads a stored kind.
    pub fn from_stored(raw: &str) -> Option<Self> {
        Some(match raw {
            "reply" => NotificationKind::Reply,
            "mention" => NotificationKind::Mention,
            "approved" => NotificationKind::Approved,
            "rejected" => NotificationKind::Rejected,
            "edited" => NotificationKind::Edited,
            _ => return None,
        })
    }

    /// Whether the reader is told about their own comment (a moderator's decision), rather
    /// than someone else's.
    pub fn about_own_comment(self) -> bool {
        matches!(
            self,
            NotificationKind::Approved | NotificationKind::Rejected | NotificationKind::Edited
        )
    }

    /// The notification a moderator's action on a comment gives its author, if any.
    /// `was_published`: whether the comment was published before the action, so confirming a
    /// published comment (after reports) tells its author nothing new.
    pub fn of_decision(action: Action, was_published: bool) -> Option<Self> {
        match action {
            Action::Approve if !was_published => Some(NotificationKind::Approved),
            Action::Reject => Some(NotificationKind::Rejected),
            Action::Edit => Some(NotificationKind::Edited),
            _ => None,
        }
    }
}

/// How a reader wants to hear of notifications by email.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EmailPreference {
    /// One mail per notification, as it happens. The default: a news discussion lives for
    /// hours, so a reply is worth answering the day it is written, not in tomorrow's digest.
    #[default]
    Immediately,
    /// One digest a day of what arrived since the last one.
    Daily,
    Never,
}

impl EmailPreference {
    pub const ALL: [EmailPreference; 3] = [
        EmailPreference::Immediately,
        EmailPreference::Daily,
        EmailPreference::Never,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EmailPreference::Immediately => "immediately",
            EmailPreference::Daily => "daily",
            EmailPreference::Never => "never",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim() {
            "immediately" => Ok(EmailPreference::Immediately),
            "daily" => Ok(EmailPreference::Daily),
            "never" => Ok(EmailPreference::Never),
            _ => Err(Invalid::new(
                "email",
                "unknown_preference",
                "Choose immediately, daily or never.",
            )),
        }
    }

    /// Reads a stored preference; anything unknown sends no mail.
    pub fn from_stored(raw: &str) -> Self {
        Self::parse(raw).unwrap_or(EmailPreference::Never)
    }
}

/// A short plain-text excerpt of a comment for an inbox line or an email: its first
/// `max_chars` characters on one line, cut at a word where possible.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let flat = markdown.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max_chars {
        return flat;
    }
    let cut: String = flat.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_decisions_that_change_something_notify() {
        assert_eq!(
            NotificationKind::of_decision(Action::Approve, false),
            Some(NotificationKind::Approved)
        );
        assert_eq!(NotificationKind::of_decision(Action::Approve, true), None);
        assert_eq!(
            NotificationKind::of_decision(Action::Reject, true),
            Some(NotificationKind::Rejected)
        );
        assert_eq!(
            NotificationKind::of_decision(Action::Edit, true),
            Some(NotificationKind::Edited)
        );
        assert_eq!(NotificationKind::of_decision(Action::Feature, true), None);
    }

    #[test]
    fn kinds_and_preferences_round_trip() {
        for kind in [
            NotificationKind::Reply,
            NotificationKind::Mention,
            NotificationKind::Approved,
            NotificationKind::Rejected,
            NotificationKind::Edited,
        ] {
            assert_eq!(NotificationKind::from_stored(kind.as_str()), Some(kind));
        }
        for preference in EmailPreference::ALL {
            assert_eq!(EmailPreference::parse(preference.as_str()), Ok(preference));
        }
        assert!(EmailPreference::parse("hourly").is_err());
        assert_eq!(EmailPreference::from_stored("?"), EmailPreference::Never);
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("Short\n\nand sweet.", 40), "Short and sweet.");
        let long = "The council voted on Thursday to open an inquiry into the floods";
        let cut = excerpt(long, 30);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() <= 31, "{cut}");
        assert!(long.starts_with(cut.trim_end_matches('…')), "{cut}");
    }
}
