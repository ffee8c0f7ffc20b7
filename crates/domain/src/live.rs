//! What readers of an open discussion are told as it changes.
//!
//! Every change that everyone can see (a comment published, approved, edited or removed) is
//! an event numbered in its discussion's order; a reader who reconnects says the last number
//! they saw and receives exactly what followed.

use time::OffsetDateTime;

/// What happened to a comment, as everyone sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A new comment, published at once.
    Created,
    /// A comment held for review, now published by a moderator.
    Approved,
    /// The body, the moderators' note or the featured mark of a published comment changed.
    Edited,
    /// A published comment was deleted, rejected or held again.
    Removed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Approved => "approved",
            Change::Edited => "edited",
            Change::Removed => "removed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "created" => Change::Created,
            "approved" => Change::Approved,
            "edited" => Change::Edited,
            "removed" => Change::Removed,
            _ => return None,
        })
    }

    /// Whether the comment appears to readers who had not seen it.
    pub fn appears(self) -> bool {
        matches!(self, Change::Created | Change::Approved)
    }
}

/// One change in one discussion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscussionEvent {
    pub article_id: i64,
    /// The event's number in its discussion: consecutive, in the order changes committed.
    pub seq: i64,
    pub comment_id: i64,
    pub change: Change,
    pub at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_round_trip_through_their_names() {
        for change in [
            Change::Created,
            Change::Approved,
            Change::Edited,
            Change::Removed,
        ] {
            assert_eq!(Change::parse(change.as_str()), Some(change));
        }
        assert_eq!(Change::parse("exploded"), None);
    }
}
