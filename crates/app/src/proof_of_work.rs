//! A proof-of-work challenge, self-hosted (no third party sees the reader): before a sign-up
//! or a guest comment, the browser finds a number that makes the SHA-256 of the challenge
//! start with `proof_of_work.bits` zero bits. A person waits about a second once; a script
//! creating thousands of accounts pays that for each.
//!
//! Challenges are stateless and signed (HMAC-SHA256 with a site secret): purpose, expiry and
//! difficulty cannot be changed, and any node checks any node's challenge. An answered
//! challenge is remembered until it expires, so one solution is not used twice.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};
use tribune_domain::Invalid;

use crate::secret::{self, SiteSecret};
use crate::{Error, Result, Tribune};

/// What a challenge is for; a solution for one is refused for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    SignUp,
    GuestComment,
}

impl Purpose {
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::SignUp => "signup",
            Purpose::GuestComment => "guest-comment",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Purpose::SignUp, Purpose::GuestComment]
            .into_iter()
            .find(|p| p.as_str() == raw)
    }
}

/// A challenge to solve: find `nonce` such that SHA-256(`token` ":" `nonce`) starts with
/// `bits` zero bits; answer `token:nonce`.
#[derive(Debug, Clone)]
pub struct Challenge {
    pub token: String,
    pub bits: u8,
    pub expires_at: OffsetDateTime,
}

fn refused(code: &'static str, message: &'static str) -> Error {
    Invalid::new("proof_of_work", code, message).into()
}

/// The number of leading zero bits of a digest.
fn leading_zero_bits(digest: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in digest {
        if *byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

impl Tribune {
    /// Whether `purpose` needs a proof of work on this site.
    pub fn proof_of_work_required(&self, purpose: Purpose) -> bool {
        let settings = &self.settings().proof_of_work;
        match purpose {
            Purpose::SignUp => settings.signups,
            Purpose::GuestComment => settings.guest_comments,
        }
    }

    /// A new challenge for `purpose`.
    pub async fn proof_of_work_challenge(&self, purpose: Purpose) -> Result<Challenge> {
        let settings = &self.settings().proof_of_work;
        let expires_at = Self::now() + Duration::minutes(settings.valid_minutes);
        let signed = format!(
            "{}.{}.{}.{}",
            purpose.as_str(),
            expires_at.unix_timestamp(),
            settings.bits,
            secret::short_suffix() + &secret::short_suffix()
        );
        let mac = self.proof_of_work_mac(&signed).await?;
        Ok(Challenge {
            token: format!("{signed}.{mac}"),
            bits: settings.bits,
            expires_at,
        })
    }

    /// Checks the answer to a challenge when `purpose` needs one: signed by this site, for
    /// this purpose, unexpired, solved, and not used before.
    pub async fn check_proof_of_work(&self, purpose: Purpose, answer: Option<&str>) -> Result<()> {
        if !self.proof_of_work_required(purpose) {
            return Ok(());
        }
        let answer = answer
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .ok_or_else(|| {
                refused(
                    "required",
                    "This form needs your browser to solve a small puzzle first, which keeps \
                 out automated abuse: it needs JavaScript. Reload the page and send it again.",
                )
            })?;
        let invalid = || {
            refused(
                "invalid",
                "The puzzle's answer is not valid: send the form again.",
            )
        };
        let (token, nonce) = answer.rsplit_once(':').ok_or_else(invalid)?;
        let (signed, mac) = token.rsplit_once('.').ok_or_else(invalid)?;
        if self.proof_of_work_mac(signed).await? != mac {
            return Err(invalid());
        }
        let mut parts = signed.split('.');
        let (Some(for_purpose), Some(expires), Some(bits)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        if for_purpose != purpose.as_str() {
            return Err(invalid());
        }
        let expires_at = expires
            .parse::<i64>()
            .ok()
            .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok())
            .ok_or_else(invalid)?;
        if expires_at <= Self::now() {
            return Err(refused(
                "expired",
                "The puzzle expired before the form was sent: send it again.",
            ));
        }
        let bits: u32 = bits.parse().map_err(|_| invalid())?;
        let digest = Sha256::digest(format!("{token}:{nonce}").as_bytes());
        if nonce.len() > 64 || leading_zero_bits(&digest) < bits {
            return Err(invalid());
        }
        if !self
            .store()
            .spend_proof_of_work(&secret::hash(token), expires_at)
            .await?
        {
            return Err(refused(
                "used",
                "That puzzle was answered already: send the form again for a new one.",
            ));
        }
        Ok(())
    }

    /// Forgets answered challenges that have expired. Run periodically.
    pub async fn sweep_proofs_of_work(&self) -> Result<u64> {
        Ok(self.store().sweep_proofs_of_work(Self::now()).await?)
    }

    async fn proof_of_work_mac(&self, signed: &str) -> Result<String> {
        let key = self.site_secret(SiteSecret::ProofOfWork).await?;
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
            .map_err(|e| Error::Internal(e.to_string()))?;
        mac.update(signed.as_bytes());
        Ok(mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_bits_are_counted_across_bytes() {
        assert_eq!(leading_zero_bits(&[0xff]), 0);
        assert_eq!(leading_zero_bits(&[0x0f]), 4);
        assert_eq!(leading_zero_bits(&[0, 0, 0x20]), 18);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }
}
