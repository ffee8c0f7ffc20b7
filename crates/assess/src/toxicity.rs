//! The linear toxicity model of alt-profanity-check 1.9.1, ported (see `model/README.md`).
//!
//! tf·idf over unigrams, L2-normalized, scored by five calibrated linear SVMs whose sigmoid
//! outputs are averaged — exactly `predict_proba` of the Python package. It knows insults and
//! swearing in plain spelling and is blind to disguise; it also scores some names and harmless
//! phrases ("Dick Cheney", "hoe down") high, so the assessor never acts on it alone.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3Builder;

const DATA: &[u8] = include_bytes!("../model/profanity_check.bin");

/// A model file that does not have the expected shape.
#[derive(Debug, thiserror::Error)]
#[error("the embedded toxicity model is malformed: {0}")]
pub struct ModelError(&'static str);

#[derive(Debug, Clone, Copy)]
struct Calibrated {
    intercept: f64,
    a: f64,
    b: f64,
}

#[derive(Debug)]
pub(crate) struct ToxicityModel {
    vocabulary: HashMap<Box<str>, u32, Xxh3Builder>,
    idf: Vec<f32>,
    /// Term-major: the weights of all models for term `t` are at `t * n_models ..`.
    coef: Vec<f32>,
    models: Vec<Calibrated>,
}

struct Reader<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(ModelError("length overflow"))?;
        let s = self.data.get(self.at..end).ok_or(ModelError("truncated"))?;
        self.at = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ModelError> {
        let b = self.take(n.checked_mul(4).ok_or(ModelError("length overflow"))?)?;
        Ok(b.chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

impl ToxicityModel {
    /// The model embedded in the crate.
    pub(crate) fn embedded() -> Result<ToxicityModel, ModelError> {
        ToxicityModel::parse(DATA)
    }

    fn parse(data: &[u8]) -> Result<ToxicityModel, ModelError> {
        let mut r = Reader { data, at: 0 };
        if r.take(4)? != b"APC1" {
            return Err(ModelError("bad magic"));
        }
        let n_terms = r.u32()? as usize;
        let n_models = r.u32()? as usize;
        if n_models == 0 {
            return Err(ModelError("no models"));
        }
        let head = r.f32s(n_models * 3)?;
        let models = head
            .chunks_exact(3)
            .map(|c| Calibrated {
                intercept: f64::from(c[0]),
                a: f64::from(c[1]),
                b: f64::from(c[2]),
            })
            .collect();
        let idf = r.f32s(n_terms)?;
        let coef = r.f32s(n_terms * n_models)?;
        let mut vocabulary = HashMap::with_capacity_and_hasher(n_terms, Xxh3Builder::new());
        for index in 0..n_terms {
            let len = r.take(1)?[0] as usize;
            let term =
                std::str::from_utf8(r.take(len)?).map_err(|_| ModelError("term not UTF-8"))?;
            vocabulary.insert(term.into(), index as u32);
        }
        if r.at != data.len() {
            return Err(ModelError("trailing bytes"));
        }
        Ok(ToxicityModel {
            vocabulary,
            idf,
            coef,
            models,
        })
    }

    /// Probability that the text is offensive, as `predict_proba` gives it.
    pub(crate) fn predict(&self, text: &str) -> f32 {
        let mut terms: Vec<u32> = Vec::with_capacity(64);
        let lower = text.to_lowercase();
        for token in tokens(&lower) {
            if let Some(&t) = self.vocabulary.get(token) {
                terms.push(t);
            }
        }
        let n = self.models.len();
        let mut decision = vec![0f64; n];
        if !terms.is_empty() {
            terms.sort_unstable();
            // Raw counts times idf, L2-normalized: collect (term, weight) once.
            let mut norm = 0f64;
            let mut weighted: Vec<(usize, f64)> = Vec::with_capacity(terms.len());
            let mut k = 0;
            while k < terms.len() {
                let t = terms[k];
                let mut count = 0;
                while k < terms.len() && terms[k] == t {
                    count += 1;
                    k += 1;
                }
                let w = f64::from(count) * f64::from(self.idf[t as usize]);
                norm += w * w;
                weighted.push((t as usize, w));
            }
            let norm = norm.sqrt();
            for (t, w) in weighted {
                let row = &self.coef[t * n..(t + 1) * n];
                for (d, c) in decision.iter_mut().zip(row) {
                    *d += w / norm * f64::from(*c);
                }
            }
        }
        let mut p = 0f64;
        for (m, d) in self.models.iter().zip(decision) {
            p += 1.0 / (1.0 + (m.a * (d + m.intercept) + m.b).exp());
        }
        (p / n as f64) as f32
    }
}

fn is_word(c: char) -> bool {
    // Python's `\w` in Unicode mode: letters, digits, numerics and the underscore.
    c.is_alphanumeric() || c == '_'
}

/// Tokens as scikit-learn's `(?u)\b\w\w+\b` finds them: maximal runs of two or more word
/// characters.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !is_word(c))
        .filter(|t| t.chars().nth(1).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_predict_proba_on_golden_texts() {
        let model = ToxicityModel::embedded().unwrap();
        let golden = include_str!("../model/golden.tsv");
        let mut rows = 0;
        for line in golden.lines() {
            let (text, p) = line.rsplit_once('\t').unwrap();
            let expected: f64 = p.parse().unwrap();
            let got = f64::from(model.predict(text));
            assert!(
                (got - expected).abs() < 1e-4,
                "{text:?}: {got} vs {expected}"
            );
            rows += 1;
        }
        assert!(rows >= 200);
    }

    #[test]
    fn rejects_malformed_data() {
        assert!(ToxicityModel::parse(b"APC1").is_err());
        assert!(ToxicityModel::parse(&DATA[..DATA.len() - 1]).is_err());
        assert!(ToxicityModel::parse(b"XXXX\0\0\0\0\0\0\0\0").is_err());
    }
}
