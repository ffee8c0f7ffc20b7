//! Discussions shown on a newsroom's own pages (`embed.js`): the article behind an embedded
//! page, comment counts for lists of articles, and the two ways a reader signs in inside the
//! frame, where the browser may block Tribune's ordinary cookie:
//!
//! - a one-time code: the reader signs in on Tribune's own page (a pop-up, first-party, so
//!   its cookie works); that page hands the frame a code, which the frame trades for a session
//!   of its own;
//! - single sign-on: the newsroom's site signs a short-lived JWT (HS256, `embed.sso_secret`)
//!   naming its reader; Tribune links the reader's `sub` to a Tribune account on first sight.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;
use time::Duration;
use tribune_domain::article::ArticleFields;
use tribune_domain::{Article, CanonicalUrl, DisplayName, Email, Invalid, Role};
use tribune_store::NewUser;

use crate::accounts::{NewSession, Viewer};
use crate::{Error, Result, Tribune, secret};

/// How long a sign-in code waits for its frame: the hand-over is immediate.
const SIGN_IN_CODE_LIFETIME: Duration = Duration::minutes(2);
/// The longest a single sign-on token may be valid: a page signs one for each view.
const SSO_MAX_LIFETIME: Duration = Duration::hours(1);
/// Clock difference tolerated between the newsroom's servers and Tribune's.
const SSO_LEEWAY: Duration = Duration::seconds(60);
/// The most addresses one request for comment counts may ask about.
pub const MAX_COUNTED_URLS: usize = 100;

/// The claims Tribune reads from a newsroom's single sign-on token.
#[derive(Debug, Clone, Deserialize)]
struct SsoClaims {
    /// The newsroom's stable id for its reader.
    sub: String,
    /// The reader's display name (used when the account is created).
    name: String,
    email: String,
    /// Whether the newsroom confirmed the address; assumed unless it says `false`.
    #[serde(default)]
    email_verified: Option<bool>,
    exp: i64,
    #[serde(default)]
    iat: Option<i64>,
}

#[derive(Deserialize)]
struct JwtHeader {
    alg: String,
}

impl Tribune {
    /// The article an embedded page shows: the one at `url`, or, for a page of an allowlisted
    /// site seen for the first time, one opened from the page's address and headline.
    pub async fn embedded_article(&self, url: &str, headline: &str) -> Result<Article> {
        let url = self.admit_url(url)?;
        if let Some(found) = self.article_at(&url).await? {
            return crate::articles::published(found);
        }
        if headline.trim().is_empty() {
            return Err(Invalid::new(
                "title",
                "empty",
                "The page must give its headline (data-title) so that its discussion can open.",
            )
            .into());
        }
        self.open_article_at(ArticleFields {
            headline: headline.to_owned(),
            canonical_url: url.to_string(),
            ..ArticleFields::default()
        })
        .await
    }

    /// The article at an address, on any site (a link from a page without JavaScript).
    pub async fn article_for_url(&self, url: &str) -> Result<Article> {
        let url = CanonicalUrl::parse(url, "url")?;
        let url = self.admit_url(url.as_str()).unwrap_or(url);
        crate::articles::published(
            self.article_at(&url)
                .await?
                .ok_or(Error::NotFound("article"))?,
        )
    }

    /// Published comments of the articles at `urls`, in order; `None` for an address with no
    /// discussion or that is not an address at all.
    pub async fn comment_counts(&self, urls: &[String]) -> Result<Vec<Option<i64>>> {
        if urls.len() > MAX_COUNTED_URLS {
            return Err(Invalid::new(
                "url",
                "too_many",
                format!("Ask for at most {MAX_COUNTED_URLS} addresses at once."),
            )
            .into());
        }
        let mut counts = Vec::with_capacity(urls.len());
        for raw in urls {
            let count = match CanonicalUrl::parse(raw, "url") {
                Ok(url) => {
                    let url = self.admit_url(url.as_str()).unwrap_or(url);
                    self.article_at(&url).await?.map(|a| a.comment_count)
                }
                Err(_) => None,
            };
            counts.push(count);
        }
        Ok(counts)
    }

    /// A one-time code with which a frame on a newsroom's page signs in as this reader.
    pub async fn issue_sign_in_code(&self, viewer: &Viewer) -> Result<String> {
        let user = viewer.require_user()?;
        let code = secret::generate();
        let now = Self::now();
        self.store()
            .insert_sign_in_code(
                &secret::hash(&code),
                user.id,
                now,
                now + SIGN_IN_CODE_LIFETIME,
            )
            .await?;
        Ok(code)
    }

    /// Trades a sign-in code for a session (once).
    pub async fn redeem_sign_in_code(&self, code: &str) -> Result<NewSession> {
        let user = self
            .store()
            .take_sign_in_code(&secret::hash(code.trim()), Self::now())
            .await?
            .ok_or(Error::LinkNotValid(
                "This sign-in was used already or took too long. Please sign in again.",
            ))?;
        self.start_session(user).await
    }

    /// Deletes expired sign-in codes; returns how many. Run periodically.
    pub async fn sweep_sign_in_codes(&self) -> Result<u64> {
        Ok(self
            .store()
            .delete_expired_sign_in_codes(Self::now())
            .await?)
    }

    /// Signs in the reader a newsroom's single sign-on token names, creating and linking their
    /// account the first time.
    pub async fn sso_sign_in(&self, token: &str) -> Result<NewSession> {
        let secret = &self.settings().embed.sso_secret;
        if secret.is_empty() {
            return Err(Error::SsoRefused(
                "This site does not accept single sign-on from newsroom sites.",
            ));
        }
        let claims = verify_sso_token(token, secret.as_bytes(), Self::now())?;
        let user = match self.store().sso_user(&claims.sub).await? {
            Some(user) => user,
            None => self.create_sso_account(&claims).await?,
        };
        self.start_session(user).await
    }

    async fn create_sso_account(&self, claims: &SsoClaims) -> Result<tribune_domain::User> {
        let email = Email::parse(&claims.email).map_err(|_| {
            Error::SsoRefused("The news site's sign-in names no usable email address.")
        })?;
        let name = DisplayName::parse(&claims.name).map_err(|_| {
            Error::SsoRefused("The news site's sign-in names no usable display name.")
        })?;
        // Readers of a newsroom keep the name they have there; a name already taken on
        // Tribune gets a number, as two people may share a name.
        for attempt in 0..=5 {
            let candidate = match attempt {
                0 => name.as_str().to_owned(),
                n if n < 5 => format!("{} {}", name.as_str(), n + 1),
                _ => format!("{} {}", name.as_str(), secret::short_suffix()),
            };
            let Ok(display_name) = DisplayName::parse(&candidate) else {
                continue;
            };
            let inserted = self
                .store()
                .insert_sso_user(
                    &claims.sub,
                    &NewUser {
                        email: email.as_str(),
                        display_name: display_name.as_str(),
                        name_key: &display_name.key(),
                        password_hash: None,
                        role: Role::Reader,
                        created_at: Self::now(),
                    },
                    claims.email_verified != Some(false),
                )
                .await;
            match inserted {
                Ok(user) => return Ok(user),
                Err(tribune_store::Error::Conflict("name_key")) => continue,
                Err(tribune_store::Error::Conflict("email")) => {
                    return Err(Error::SsoRefused(
                        "A Tribune account already uses this email address. Sign in with it \
                         instead (Sign in, in the discussion).",
                    ));
                }
                // Another node linked the same reader a moment ago.
                Err(tribune_store::Error::Conflict(_)) => {
                    return self
                        .store()
                        .sso_user(&claims.sub)
                        .await?
                        .ok_or(Error::NotFound("account"));
                }
                Err(other) => return Err(other.into()),
            }
        }
        Err(Error::SsoRefused(
            "No free display name was found for this reader; try again.",
        ))
    }
}

/// Checks a compact JWS signed with HS256 and reads its claims. Only HS256 is accepted (no
/// `none`, no public-key algorithms a shared secret could be confused with), the signature is
/// compared in constant time, and the token must be current and short-lived.
fn verify_sso_token(token: &str, secret: &[u8], now: time::OffsetDateTime) -> Result<SsoClaims> {
    let malformed = || Error::SsoRefused("The news site's sign-in token is not valid.");
    let token = token.trim();
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(malformed());
    };
    let decode = |part: &str| URL_SAFE_NO_PAD.decode(part).map_err(|_| malformed());
    let header: JwtHeader = serde_json::from_slice(&decode(header)?).map_err(|_| malformed())?;
    if header.alg != "HS256" {
        return Err(Error::SsoRefused(
            "The news site's sign-in token must be signed with HS256.",
        ));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).map_err(|_| malformed())?;
    // What is signed: `header.payload`, as sent.
    mac.update(&token.as_bytes()[..token.rfind('.').unwrap_or(0)]);
    mac.verify_slice(&decode(signature)?)
        .map_err(|_| Error::SsoRefused("The news site's sign-in token has a wrong signature."))?;
    let claims: SsoClaims = serde_json::from_slice(&decode(payload)?).map_err(|_| {
        Error::SsoRefused("The news site's sign-in token lacks sub, name, email or exp.")
    })?;
    let now = now.unix_timestamp();
    if claims.exp + SSO_LEEWAY.whole_seconds() <= now {
        return Err(Error::SsoRefused(
            "The news site's sign-in has expired: reload the page.",
        ));
    }
    if claims.exp > now + SSO_MAX_LIFETIME.whole_seconds()
        || claims
            .iat
            .is_some_and(|iat| iat > now + SSO_LEEWAY.whole_seconds())
    {
        return Err(Error::SsoRefused(
            "The news site's sign-in token must be short-lived (an hour at most) and issued now.",
        ));
    }
    if claims.sub.trim().is_empty() || claims.sub.len() > 255 {
        return Err(malformed());
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a shared secret of the newsroom and Tribune";

    fn sign(header: &str, claims: &serde_json::Value, secret: &[u8]) -> String {
        let signed = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(signed.as_bytes());
        format!(
            "{signed}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    fn claims(exp_in: i64) -> serde_json::Value {
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        serde_json::json!({
            "sub": "reader-42", "name": "Mara Quint", "email": "mara@news.example",
            "iat": now, "exp": now + exp_in,
        })
    }

    fn verify(token: &str) -> std::result::Result<String, String> {
        verify_sso_token(token, SECRET, time::OffsetDateTime::now_utc())
            .map(|c| c.sub)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_current_token_signed_with_the_secret_names_its_reader() {
        let token = sign(r#"{"alg":"HS256","typ":"JWT"}"#, &claims(300), SECRET);
        assert_eq!(verify(&token), Ok("reader-42".to_owned()));
    }

    #[test]
    fn forged_expired_long_lived_and_unsigned_tokens_are_refused() {
        let header = r#"{"alg":"HS256","typ":"JWT"}"#;
        let wrong_secret = sign(header, &claims(300), b"another secret");
        assert!(
            verify(&wrong_secret)
                .unwrap_err()
                .contains("wrong signature")
        );
        let expired = sign(header, &claims(-120), SECRET);
        assert!(verify(&expired).unwrap_err().contains("expired"));
        let long_lived = sign(header, &claims(7 * 24 * 3600), SECRET);
        assert!(verify(&long_lived).unwrap_err().contains("short-lived"));
        let none = format!(
            "{}.{}.",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#),
            URL_SAFE_NO_PAD.encode(claims(300).to_string())
        );
        assert!(verify(&none).unwrap_err().contains("HS256"));
        let rs256 = sign(r#"{"alg":"RS256"}"#, &claims(300), SECRET);
        assert!(verify(&rs256).unwrap_err().contains("HS256"));
        // A valid signature over other claims does not carry over.
        let good = sign(header, &claims(300), SECRET);
        let mut parts: Vec<&str> = good.split('.').collect();
        let other = URL_SAFE_NO_PAD.encode(
            serde_json::json!({"sub": "admin", "name": "X", "email": "x@y.z", "exp": 9e9 as i64})
                .to_string(),
        );
        parts[1] = &other;
        assert!(
            verify(&parts.join("."))
                .unwrap_err()
                .contains("wrong signature")
        );
        for garbage in ["", "a.b", "a.b.c.d", "!!.??.##"] {
            assert!(verify(garbage).is_err(), "{garbage}");
        }
        let missing = sign(header, &serde_json::json!({"sub": "x", "exp": 1}), SECRET);
        assert!(verify(&missing).is_err());
    }
}
