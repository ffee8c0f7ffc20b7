//! Spam features of the text itself, and fingerprints for finding copies.
//!
//! Links are counted in the Markdown as written (autolinks, `[text](url)`, bare `www.` and
//! bare domains with a common spam TLD), since the app renders links from the same text.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

use crate::normalize::plain_words;

/// A domain on the block list, stored lowercase without a leading dot or `www.`.
#[derive(Debug, Clone)]
pub(crate) struct BlockList(Vec<String>);

impl BlockList {
    pub(crate) fn new(domains: &[String]) -> BlockList {
        let mut v: Vec<String> = domains
            .iter()
            .map(|d| clean_domain(d))
            .filter(|d| !d.is_empty())
            .collect();
        v.sort();
        v.dedup();
        BlockList(v)
    }

    /// The listed domain that `host` is, or is a subdomain of.
    pub(crate) fn matches(&self, host: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|d| {
                host == d.as_str()
                    || (host.len() > d.len()
                        && host.ends_with(d.as_str())
                        && host.as_bytes()[host.len() - d.len() - 1] == b'.')
            })
            .map(String::as_str)
    }
}

fn clean_domain(d: &str) -> String {
    let d = d.trim().trim_matches('.').to_lowercase();
    let d = d
        .strip_prefix("https://")
        .or_else(|| d.strip_prefix("http://"))
        .unwrap_or(&d);
    let d = d.split(['/', ':', '?', '#']).next().unwrap_or("");
    d.strip_prefix("www.").unwrap_or(d).to_string()
}

/// Top-level domains that spam favours; a bare `name.tld` with one of them counts as a link
/// even without a scheme. Common ones (com, net, org) count too: spammers write them bare.
const BARE_TLDS: &[&str] = &[
    "com", "net", "org", "info", "biz", "ru", "xyz", "top", "io", "co", "shop", "online", "site",
    "store", "club", "click", "link", "live", "vip", "win", "bet", "casino", "loan", "cn", "tk",
    "ml", "ga", "cf", "gq", "pw", "cc", "ws", "su", "app", "me",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct TextSpam {
    pub links: u32,
    /// Share of the text's characters that are inside links.
    pub link_ratio: f32,
    pub hosts: Vec<String>,
    /// Share of uppercase among letters; 0 when there are too few letters to tell.
    pub shouting: f32,
    /// Longest run of one repeated character (ignoring spaces).
    pub char_run: u32,
    /// Longest run of one word repeated back to back.
    pub word_run: u32,
}

/// Minimum number of letters before the uppercase share means anything: "NO." and "USA" are
/// not shouting.
const SHOUTING_MIN_LETTERS: u32 = 20;

/// `words` are the text's [`plain_words`].
pub(crate) fn text_features(text: &str, words: &[String]) -> TextSpam {
    let mut f = TextSpam::default();
    let mut link_chars = 0usize;
    for token in text.split(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        // "[text](url)" leaves "(url)" glued to the text: look at what follows "](".
        let candidate = match token.find("](") {
            Some(k) => &token[k + 2..],
            None => token,
        };
        let candidate = candidate.trim_matches(|c: char| "()[]\"'.,;!?*".contains(c));
        if let Some(host) = link_host(candidate) {
            f.links += 1;
            link_chars += candidate.len();
            if !f.hosts.contains(&host) {
                f.hosts.push(host);
            }
        }
    }
    let total = text.trim().len().max(1);
    f.link_ratio = (link_chars as f32 / total as f32).min(1.0);

    let (mut letters, mut upper) = (0u32, 0u32);
    let (mut prev, mut run) = (None, 0u32);
    for c in text.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
        }
        if c.is_whitespace() {
            continue;
        }
        if Some(c) == prev {
            run += 1;
        } else {
            run = 1;
            prev = Some(c);
        }
        f.char_run = f.char_run.max(run);
    }
    if letters >= SHOUTING_MIN_LETTERS {
        f.shouting = upper as f32 / letters as f32;
    }
    let mut last: Option<&String> = None;
    let mut wrun = 0u32;
    for w in words {
        if last == Some(w) {
            wrun += 1;
        } else {
            wrun = 1;
            last = Some(w);
        }
        f.word_run = f.word_run.max(wrun);
    }
    f
}

/// The host of a URL-like token, lowercase and without `www.`.
fn link_host(token: &str) -> Option<String> {
    let lower = token.to_ascii_lowercase();
    let rest = if let Some(r) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    {
        r
    } else if lower.starts_with("www.") {
        &lower
    } else {
        // Bare "name.tld" or "name.tld/path".
        let host = lower.split(['/', '?', '#']).next().unwrap_or("");
        let tld = host.rsplit('.').next().unwrap_or("");
        let labels = host.split('.').count();
        let well_formed = labels >= 2
            && host
                .split('.')
                .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            && host.chars().any(|c| c.is_ascii_alphabetic());
        if !well_formed || !BARE_TLDS.contains(&tld) {
            return None;
        }
        &lower
    };
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    (host.contains('.') && host.len() > 3).then(|| host.to_string())
}

/// A comment's fingerprint: a 64-bit simhash of its words and word pairs, for near-duplicates, and a
/// hash of its normalized text, for exact ones. Both fit in signed 64-bit database columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// 0 for texts too short for near-duplicates to mean anything ("I agree", "Well said"),
    /// so the rule survives storage as two integers. A real simhash is 0 once in 2^64.
    simhash: u64,
    exact: u64,
}

/// Words a text needs before its near-duplicates count.
pub const NEAR_DUPLICATE_MIN_WORDS: u32 = 8;
/// Bits two simhashes may differ by and still be near-duplicates.
pub const NEAR_DUPLICATE_MAX_DISTANCE: u32 = 10;

impl Fingerprint {
    /// Near-duplicate: both texts long enough, simhashes within the Hamming threshold.
    pub fn is_near(&self, other: &Fingerprint) -> bool {
        self.simhash != 0
            && other.simhash != 0
            && (self.simhash ^ other.simhash).count_ones() <= NEAR_DUPLICATE_MAX_DISTANCE
    }

    /// Same text once case, accents, punctuation and spacing are ignored.
    pub fn is_duplicate(&self, other: &Fingerprint) -> bool {
        self.exact == other.exact
    }

    /// The simhash, as stored in a signed 64-bit column (bits unchanged).
    pub fn simhash_i64(&self) -> i64 {
        self.simhash as i64
    }

    /// The exact hash, as stored in a signed 64-bit column (bits unchanged).
    pub fn exact_i64(&self) -> i64 {
        self.exact as i64
    }

    /// `(simhash, exact)`, as stored in two signed 64-bit columns (bits unchanged).
    pub fn to_i64(&self) -> (i64, i64) {
        (self.simhash as i64, self.exact as i64)
    }

    /// Rebuilds a fingerprint from what [`Fingerprint::to_i64`] stored.
    pub fn from_i64(simhash: i64, exact: i64) -> Fingerprint {
        Fingerprint {
            simhash: simhash as u64,
            exact: exact as u64,
        }
    }
}

/// Fingerprints a comment's text.
pub fn fingerprint(text: &str) -> Fingerprint {
    let words: Vec<String> = plain_words(text).collect();
    let normalized = words.join(" ");
    let exact = xxh3_64(normalized.as_bytes());
    let mut counts = [0i32; 64];
    let mut add = |h: u64| {
        for (bit, c) in counts.iter_mut().enumerate() {
            if h >> bit & 1 == 1 {
                *c += 1;
            } else {
                *c -= 1;
            }
        }
    };
    // Words and word pairs: a pair keeps some order, a word keeps one edit from moving
    // more than a few features, so "the easiest job I ever had" and "... I have ever had"
    // stay within the threshold.
    for w in &words {
        add(xxh3_64_with_seed(w.as_bytes(), 1));
    }
    let mut buf = String::new();
    for pair in words.windows(2) {
        buf.clear();
        buf.push_str(&pair[0]);
        buf.push(' ');
        buf.push_str(&pair[1]);
        add(xxh3_64_with_seed(buf.as_bytes(), 2));
    }
    let simhash = counts
        .iter()
        .enumerate()
        .fold(0u64, |h, (bit, &c)| if c > 0 { h | 1 << bit } else { h });
    let short = words.len() < NEAR_DUPLICATE_MIN_WORDS as usize;
    Fingerprint {
        simhash: if short { 0 } else { simhash },
        exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features_of(text: &str) -> TextSpam {
        text_features(text, &plain_words(text).collect::<Vec<_>>())
    }

    #[test]
    fn counts_links_and_hosts() {
        let f = features_of(
            "Cheap pills at [shop](https://www.Pills.example.ru/buy) and http://x.co/a \
             or visit bestdeals.xyz now. Not a link: e.g. or 3.5%",
        );
        assert_eq!(f.links, 3);
        assert_eq!(f.hosts, ["pills.example.ru", "x.co", "bestdeals.xyz"]);
        assert!(f.link_ratio > 0.2);
    }

    #[test]
    fn block_list_matches_subdomains_only() {
        let b = BlockList::new(&["Example.ru".into(), "https://www.spam.com/".into()]);
        assert_eq!(b.matches("pills.example.ru"), Some("example.ru"));
        assert_eq!(b.matches("example.ru"), Some("example.ru"));
        assert_eq!(b.matches("notexample.ru"), None);
        assert_eq!(b.matches("spam.com"), Some("spam.com"));
    }

    #[test]
    fn shouting_needs_enough_letters() {
        assert_eq!(features_of("NO. USA!").shouting, 0.0);
        assert!(
            features_of("THIS GOVERNMENT IS A TOTAL DISGRACE AND EVERYONE KNOWS IT").shouting > 0.9
        );
    }

    #[test]
    fn repeats() {
        let f = features_of("buy buy buy buy now!!!!!!!!!!!!");
        assert_eq!(f.word_run, 4);
        assert_eq!(f.char_run, 12);
    }

    #[test]
    fn near_duplicates() {
        let a = fingerprint(
            "Earn 500 dollars a day working from home, the easiest job I ever had, ask me how",
        );
        let b = fingerprint(
            "Earn 500 dollars a day working from home - the easiest job I ever had! Ask me how!!",
        );
        let c = fingerprint(
            "Earn 500 dollars a day working from home, the easiest job I have ever had, ask me how",
        );
        let other = fingerprint(
            "The council voted to close the library on Sundays, which seems short-sighted to me",
        );
        assert!(a.is_duplicate(&b));
        assert!(a.is_near(&b));
        assert!(a.is_near(&c), "{}", (a.simhash ^ c.simhash).count_ones());
        assert!(!a.is_duplicate(&c));
        assert!(!a.is_near(&other));
        let short = fingerprint("I agree");
        assert!(short.is_duplicate(&fingerprint("i agree!")));
        assert!(!short.is_near(&fingerprint("I agree.")));
    }

    #[test]
    fn fingerprint_round_trips_through_i64() {
        let f = fingerprint("Some text that is long enough to be fingerprinted for real");
        let (s, e) = f.to_i64();
        assert_eq!(Fingerprint::from_i64(s, e), f);
        assert_eq!(f.simhash_i64(), s);
        assert_eq!(f.exact_i64(), e);
    }
}
