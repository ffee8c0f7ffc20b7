//! Password rules and Argon2id hashing.
//!
//! Hashing is pure computation (about 30 ms in release), so callers run it off the async
//! executor. Parameters are the argon2 crate's defaults (Argon2id v19, m=19 MiB, t=2, p=1),
//! OWASP's recommended minimum.

use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::validation::Invalid;

/// The shortest password accepted.
pub const MIN_CHARS: usize = 10;
/// The longest password accepted; longer input is almost certainly a mistake or an attack on
/// the hash function's cost.
pub const MAX_CHARS: usize = 128;

/// Well-known passwords that pass the length rule but are among the first a credential
/// stuffer tries: every entry of ten characters or more in zxcvbn's list of the 30,000 most
/// frequent passwords in breaches, and a few patterns of our own (`data/README.md`).
const COMMON: &str = include_str!("../data/common-passwords.txt");

fn is_common(lowered: &str) -> bool {
    COMMON.lines().any(|known| known == lowered)
}

/// A new password that meets the rules. Its contents never appear in `Debug` output.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    /// Checks a password chosen at sign-up against the rules, given the other things the
    /// person typed (a password equal to one's own name or email is no password).
    pub fn parse(raw: &str, email: &str, display_name: &str) -> Result<Self, Invalid> {
        let count = raw.chars().count();
        if count < MIN_CHARS {
            return Err(Invalid::new(
                "password",
                "too_short",
                format!("Choose a password of at least {MIN_CHARS} characters."),
            )
            .with_limit(MIN_CHARS));
        }
        if count > MAX_CHARS {
            return Err(Invalid::new(
                "password",
                "too_long",
                format!("Passwords are limited to {MAX_CHARS} characters."),
            )
            .with_limit(MAX_CHARS));
        }
        let lowered = raw.to_lowercase();
        let distinct = lowered
            .chars()
            .collect::<std::collections::HashSet<_>>()
            .len();
        if is_common(&lowered)
            || distinct < 4
            || lowered == email.to_lowercase()
            || lowered == display_name.to_lowercase()
        {
            return Err(Invalid::new(
                "password",
                "too_common",
                "That password is too easy to guess. Try a short sentence or several unrelated words.",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn hash(&self) -> Result<String, HashError> {
        hash(&self.0)
    }
}

#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// Hashes a password to a PHC string with a fresh random salt.
pub fn hash(password: &str) -> Result<String, HashError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `password` matches a stored PHC string. A malformed hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), phc)
        .is_ok()
}

/// A hash of a random password, verified against when an email is unknown so that a failed
/// log-in takes the same time whether or not the account exists.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("tribune-dummy-password-for-timing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let ok = |p: &str| NewPassword::parse(p, "ann@example.org", "Ann").is_ok();
        assert!(ok("correct horse battery"));
        assert!(!ok("short"));
        assert!(!ok("password123"));
        assert!(!ok("PASSWORD123"));
        assert!(!ok("aaaaaaaaaaaa"));
        assert!(!ok("ann@example.org"));
        assert!(!ok(&"x1y2".repeat(40)));
    }

    #[test]
    fn hash_and_verify() {
        let phc = hash("correct horse battery").unwrap_or_default();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &phc));
        assert!(!verify("wrong horse battery", &phc));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn passwords_from_breaches_are_refused() {
        for known in [
            "manchester",
            "Password123",
            "q1w2e3r4t5y6",
            "1qaz2wsx3edc",
            "usuckballz1",
        ] {
            let refused = NewPassword::parse(known, "a@example.org", "Reader");
            assert_eq!(
                refused.map(|_| ()).map_err(|e| e.code),
                Err("too_common"),
                "{known}"
            );
        }
        assert!(NewPassword::parse("harbour lamps at dusk", "a@example.org", "Reader").is_ok());
    }
}
