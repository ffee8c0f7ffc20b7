//! Accounts: display names that resist impersonation, emails, roles.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use unicode_normalization::UnicodeNormalization;
use unicode_security::confusable_detection::skeleton;

use crate::validation::{Invalid, single_line};

/// What an account may do. Editors are not accounts: newsroom systems use API tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Reader,
    Moderator,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Reader, Role::Moderator, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "reader" => Ok(Role::Reader),
            "moderator" => Ok(Role::Moderator),
            "admin" => Ok(Role::Admin),
            _ => Err(Invalid::new(
                "role",
                "unknown_role",
                "The role must be reader, moderator or admin.",
            )),
        }
    }

    pub fn can_moderate(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }

    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

/// A public name as the reader chose it, free form (`old harbour hand`, `m_y__ronin`), NFC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub const MAX_CHARS: usize = 40;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let nfc: String = raw.nfc().collect();
        let value = single_line(
            "display_name",
            "A display name",
            &nfc,
            true,
            Self::MAX_CHARS,
        )?;
        let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if Self::key_of(&collapsed).is_empty() {
            return Err(Invalid::new(
                "display_name",
                "no_letters",
                "A display name needs at least one letter or digit.",
            ));
        }
        Ok(Self(collapsed))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key under which names must be unique: case-folded, with Unicode confusables
    /// mapped to one prototype (UTS #39 skeleton, so `Kestrel` with a Cyrillic `К`, or
    /// `KestreI` with a capital i, collides with `Kestrel`), and spaces, underscores, hyphens
    /// and dots ignored (so `old_harbour_hand` collides with `old harbour hand`).
    pub fn key(&self) -> String {
        Self::key_of(&self.0)
    }

    /// The [`key`](Self::key) of a name however it was written (a reader addressing
    /// `kestrel` means `Kestrel`), whether or not it would be a valid name itself.
    pub fn key_of(name: &str) -> String {
        // Skeleton before case folding: a Cyrillic capital `К` has the prototype `K`, while
        // its lower case `к` maps to `ĸ`. A second round catches look-alikes that only
        // appear once the case is folded.
        let mut key: String = name.nfkc().collect();
        for _ in 0..2 {
            key = skeleton(&key).flat_map(char::to_lowercase).collect();
        }
        // The skeleton maps capital `I` to `l` but keeps small `i`; once case is ignored the
        // two must meet, so `THE NAVIGATOR` and `The Navigator` share a key.
        key.retain(char::is_alphanumeric);
        key.replace('i', "l")
    }
}

/// An email address, trimmed and lower-cased, checked for shape (not deliverability).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub const MAX_CHARS: usize = 254;

    pub fn parse(raw: &str) -> Result<Self, Invalid> {
        let value = single_line("email", "An email address", raw, true, Self::MAX_CHARS)?;
        let invalid = || {
            Invalid::new(
                "email",
                "invalid_email",
                "Enter an email address such as name@example.org.",
            )
        };
        let (local, domain) = value.rsplit_once('@').ok_or_else(invalid)?;
        let well_formed = !local.is_empty()
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !value.chars().any(char::is_whitespace);
        if !well_formed {
            return Err(invalid());
        }
        Ok(Self(value.to_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An account as the rest of Tribune sees it (never with its password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    /// The reader followed a link sent to `email` (verification or password reset).
    pub email_verified: bool,
    pub role: Role,
    pub created_at: OffsetDateTime,
    /// Marked trusted by a moderator: skips pre-moderation.
    pub trusted: bool,
    /// Until when the account may not take part (see `ban_at`).
    pub banned_until: Option<OffsetDateTime>,
    pub ban_reason: Option<String>,
    /// An unclaimed profile: a guest who wrote without an account (no password, no log-in);
    /// its name is shown marked as a guest's.
    pub guest: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> String {
        DisplayName::parse(name)
            .map(|n| n.key())
            .unwrap_or_default()
    }

    #[test]
    fn confusable_names_share_a_key() {
        assert_eq!(key("Kestrel"), key("kestrel"));
        assert_eq!(key("Kestrel"), key("\u{041A}estrel"), "Cyrillic Ka");
        assert_eq!(key("Kestrel"), key("KestreI"), "capital i for l");
        assert_eq!(key("old harbour hand"), key("old_harbour_hand"));
        assert_eq!(key("The Navigator"), key("THE  NAVIGATOR"));
        assert_ne!(key("Kestrel"), key("Kestrels"));
        assert_ne!(key("m_y__ronin"), key("my ron"));
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(
            DisplayName::parse("  old   harbour hand ").map(|n| n.0),
            Ok("old harbour hand".to_owned())
        );
        assert_eq!(DisplayName::parse("   ").map_err(|e| e.code), Err("empty"));
        assert_eq!(
            DisplayName::parse(&"x".repeat(41)).map_err(|e| e.code),
            Err("too_long")
        );
        assert_eq!(
            DisplayName::parse("evil\u{202E}name").map_err(|e| e.code),
            Err("invalid_characters")
        );
        assert_eq!(
            DisplayName::parse("a\u{0007}b").map_err(|e| e.code),
            Err("invalid_characters")
        );
        assert_eq!(
            DisplayName::parse("___").map_err(|e| e.code),
            Err("no_letters")
        );
    }

    #[test]
    fn email_rules() {
        assert_eq!(
            Email::parse(" Ann@Example.ORG ").map(|e| e.0),
            Ok("ann@example.org".to_owned())
        );
        for bad in [
            "",
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "a b@example.org",
            "ann@.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
