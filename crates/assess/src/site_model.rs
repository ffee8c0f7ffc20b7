//! A model of this site's own moderation: hashed n-gram logistic regression.
//!
//! Trained from moderators' decisions (approved = 0, rejected = 1) with plain SGD and L2, in a
//! fixed order shuffled by a fixed seed, so the same decisions always give the same bytes.
//! Features are word unigrams and bigrams (and optionally character 3–5-grams) hashed with
//! xxh3 into 2^18 buckets; collisions cost a little accuracy and save a vocabulary.

use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::normalize::plain_words;

const BUCKET_BITS: u32 = 18;
const BUCKETS: usize = 1 << BUCKET_BITS;
const MAGIC: &[u8; 4] = b"TSM1";
const VERSION: u8 = 1;

/// How to train a [`SiteModel`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct TrainOptions {
    /// Passes over the examples.
    pub epochs: u32,
    /// Initial step size; it decays as 1/(1 + epoch).
    pub learning_rate: f32,
    /// L2 penalty per update, applied to the weights an example touches.
    pub l2: f32,
    /// Add character 3–5-grams (robust to misspellings; larger model).
    pub char_ngrams: bool,
    /// Seed of the shuffle between epochs.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 10,
            learning_rate: 1.0,
            l2: 1e-4,
            char_ngrams: false,
            seed: 0x7269_6275_6e65,
        }
    }
}

/// A site model that could not be read back.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SiteModelError {
    #[error("not a site model (bad header)")]
    BadHeader,
    #[error("site model version {0} is not supported")]
    Version(u8),
    #[error("site model data is truncated or corrupt")]
    Corrupt,
}

/// Logistic regression over hashed n-grams of this site's comments.
#[derive(Clone, PartialEq)]
pub struct SiteModel {
    weights: Vec<f32>,
    bias: f32,
    char_ngrams: bool,
    examples: u32,
}

impl std::fmt::Debug for SiteModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiteModel")
            .field("bias", &self.bias)
            .field("char_ngrams", &self.char_ngrams)
            .field("examples", &self.examples)
            .field(
                "nonzero",
                &self.weights.iter().filter(|w| **w != 0.0).count(),
            )
            .finish()
    }
}

fn bucket(bytes: &[u8], seed: u64) -> u32 {
    (xxh3_64_with_seed(bytes, seed) & (BUCKETS as u64 - 1)) as u32
}

/// Hashed features of a text, deduplicated and sorted (binary presence).
fn features(text: &str, char_ngrams: bool) -> Vec<u32> {
    features_of_words(&plain_words(text).collect::<Vec<_>>(), char_ngrams)
}

/// [`features`] of a text already split into [`plain_words`].
fn features_of_words(words: &[String], char_ngrams: bool) -> Vec<u32> {
    let mut f = Vec::with_capacity(words.len() * if char_ngrams { 8 } else { 2 });
    for w in words {
        f.push(bucket(w.as_bytes(), 1));
    }
    let mut buf = String::new();
    for pair in words.windows(2) {
        buf.clear();
        buf.push_str(&pair[0]);
        buf.push(' ');
        buf.push_str(&pair[1]);
        f.push(bucket(buf.as_bytes(), 2));
    }
    if char_ngrams {
        for w in words {
            let padded: Vec<char> = std::iter::once(' ')
                .chain(w.chars())
                .chain(std::iter::once(' '))
                .collect();
            for n in 3..=5 {
                for win in padded.windows(n) {
                    buf.clear();
                    buf.extend(win);
                    f.push(bucket(buf.as_bytes(), 3));
                }
            }
        }
    }
    f.sort_unstable();
    f.dedup();
    f
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// A small deterministic generator for the shuffle (xorshift64*).
struct Shuffle(u64);

impl Shuffle {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

impl SiteModel {
    /// Trains on `(text, rejected)` pairs.
    pub fn train(examples: &[(&str, bool)], options: &TrainOptions) -> SiteModel {
        let data: Vec<(Vec<u32>, f32)> = examples
            .iter()
            .map(|(t, y)| (features(t, options.char_ngrams), if *y { 1.0 } else { 0.0 }))
            .collect();
        let mut weights = vec![0f32; BUCKETS];
        let mut bias = 0f32;
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = Shuffle(options.seed | 1);
        for epoch in 0..options.epochs {
            for k in (1..order.len()).rev() {
                let r = (rng.next() % (k as u64 + 1)) as usize;
                order.swap(k, r);
            }
            let rate = options.learning_rate / (1.0 + epoch as f32);
            for &n in &order {
                let (x, y) = &data[n];
                // Presence features scaled so long comments do not take bigger steps.
                let scale = 1.0 / (x.len().max(1) as f32).sqrt();
                let z = bias + scale * x.iter().map(|&b| weights[b as usize]).sum::<f32>();
                let g = sigmoid(z) - y;
                bias -= rate * g;
                for &b in x {
                    let w = &mut weights[b as usize];
                    *w -= rate * (g * scale + options.l2 * *w);
                }
            }
        }
        SiteModel {
            weights,
            bias,
            char_ngrams: options.char_ngrams,
            examples: u32::try_from(examples.len()).unwrap_or(u32::MAX),
        }
    }

    /// Probability that moderators here would reject the text.
    pub fn predict(&self, text: &str) -> f32 {
        self.predict_words(&plain_words(text).collect::<Vec<_>>())
    }

    /// [`SiteModel::predict`] on a text already split into [`plain_words`]: the assessment
    /// splits each comment once for every use.
    pub(crate) fn predict_words(&self, words: &[String]) -> f32 {
        let x = features_of_words(words, self.char_ngrams);
        let scale = 1.0 / (x.len().max(1) as f32).sqrt();
        let z = self.bias + scale * x.iter().map(|&b| self.weights[b as usize]).sum::<f32>();
        sigmoid(z)
    }

    /// Number of decisions the model was trained on.
    pub fn examples(&self) -> u32 {
        self.examples
    }

    /// Compact bytes for storage: a versioned header and only the nonzero weights.
    ///
    /// `TSM1 | u8 version | u8 flags | u8 bucket bits | u32 examples | f32 bias | u32 count |
    /// count × (u32 bucket, f32 weight)`, little endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let nonzero: Vec<(usize, f32)> = self
            .weights
            .iter()
            .enumerate()
            .filter(|(_, w)| **w != 0.0)
            .map(|(i, w)| (i, *w))
            .collect();
        let mut out = Vec::with_capacity(19 + nonzero.len() * 8);
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.push(u8::from(self.char_ngrams));
        out.push(BUCKET_BITS as u8);
        out.extend_from_slice(&self.examples.to_le_bytes());
        out.extend_from_slice(&self.bias.to_le_bytes());
        out.extend_from_slice(&(nonzero.len() as u32).to_le_bytes());
        for (i, w) in nonzero {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Reads what [`SiteModel::to_bytes`] wrote.
    pub fn from_bytes(bytes: &[u8]) -> Result<SiteModel, SiteModelError> {
        let word = |at: usize| -> Result<[u8; 4], SiteModelError> {
            bytes
                .get(at..at + 4)
                .and_then(|s| s.try_into().ok())
                .ok_or(SiteModelError::Corrupt)
        };
        if bytes.get(..4) != Some(MAGIC.as_slice()) {
            return Err(SiteModelError::BadHeader);
        }
        let version = *bytes.get(4).ok_or(SiteModelError::Corrupt)?;
        if version != VERSION {
            return Err(SiteModelError::Version(version));
        }
        let flags = *bytes.get(5).ok_or(SiteModelError::Corrupt)?;
        if bytes.get(6) != Some(&(BUCKET_BITS as u8)) || flags > 1 {
            return Err(SiteModelError::Corrupt);
        }
        let examples = u32::from_le_bytes(word(7)?);
        let bias = f32::from_le_bytes(word(11)?);
        let count = u32::from_le_bytes(word(15)?) as usize;
        if bytes.len() != 19 + count.checked_mul(8).ok_or(SiteModelError::Corrupt)? {
            return Err(SiteModelError::Corrupt);
        }
        let mut weights = vec![0f32; BUCKETS];
        for k in 0..count {
            let at = 19 + k * 8;
            let i = u32::from_le_bytes(word(at)?) as usize;
            let w = f32::from_le_bytes(word(at + 4)?);
            if i >= BUCKETS || !w.is_finite() {
                return Err(SiteModelError::Corrupt);
            }
            weights[i] = w;
        }
        if !bias.is_finite() {
            return Err(SiteModelError::Corrupt);
        }
        Ok(SiteModel {
            weights,
            bias,
            char_ngrams: flags == 1,
            examples,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> Vec<(&'static str, bool)> {
        let mut v = Vec::new();
        for _ in 0..3 {
            v.extend([
                ("Visit my crypto signals group for guaranteed returns", true),
                ("crypto signals group, guaranteed profit every week", true),
                ("Join the signals group now for crypto gains", true),
                ("The council should publish the audit in full", false),
                ("Good reporting on the council audit, thank you", false),
                (
                    "I disagree with the audit's conclusions about the budget",
                    false,
                ),
                ("our football club deserves better owners", false),
                ("The referee had a poor game but the result stands", false),
            ]);
        }
        v
    }

    #[test]
    fn learns_and_predicts() {
        let m = SiteModel::train(&data(), &TrainOptions::default());
        assert!(m.predict("guaranteed crypto returns in our signals group") > 0.7);
        assert!(m.predict("the audit of the council budget") < 0.3);
        assert_eq!(m.examples(), 24);
    }

    #[test]
    fn training_is_deterministic() {
        let a = SiteModel::train(&data(), &TrainOptions::default());
        let b = SiteModel::train(&data(), &TrainOptions::default());
        assert_eq!(a.to_bytes(), b.to_bytes());
    }

    #[test]
    fn round_trips_through_bytes() {
        for char_ngrams in [false, true] {
            let o = TrainOptions {
                char_ngrams,
                ..TrainOptions::default()
            };
            let m = SiteModel::train(&data(), &o);
            let bytes = m.to_bytes();
            // Compact: a few hundred features, not 2^18 weights.
            assert!(bytes.len() < 20_000, "{}", bytes.len());
            let back = SiteModel::from_bytes(&bytes).unwrap();
            assert_eq!(back, m);
            assert_eq!(back.predict("crypto signals"), m.predict("crypto signals"));
        }
    }

    #[test]
    fn refuses_bad_bytes() {
        let bytes = SiteModel::train(&data(), &TrainOptions::default()).to_bytes();
        assert_eq!(
            SiteModel::from_bytes(b"nope"),
            Err(SiteModelError::BadHeader)
        );
        let mut v2 = bytes.clone();
        v2[4] = 9;
        assert_eq!(SiteModel::from_bytes(&v2), Err(SiteModelError::Version(9)));
        assert_eq!(
            SiteModel::from_bytes(&bytes[..bytes.len() - 3]),
            Err(SiteModelError::Corrupt)
        );
    }
}
