//! Placeholder with the public shapes of the assessment; replaced by the real crate.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Publish,
    Hold,
    Reject,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    pub code: String,
    pub message: String,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    pub risk: f32,
    pub abuse: f32,
    pub spam: f32,
    pub toxicity_model: f32,
    pub profanity: f32,
    pub site_model: Option<f32>,
    pub links: u32,
    pub shouting: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub decision: Decision,
    pub reasons: Vec<Reason>,
    pub scores: Scores,
}
impl Assessment {
    pub fn likely_abusive(&self) -> bool {
        self.decision != Decision::Publish && self.scores.abuse >= self.scores.spam
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Thresholds {
    pub hold: f32,
    pub reject: f32,
    pub spam_hold: f32,
    pub spam_reject: f32,
}
impl Default for Thresholds {
    fn default() -> Self {
        Self {
            hold: 0.5,
            reject: 0.95,
            spam_hold: 0.5,
            spam_reject: 0.9,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Signals {
    pub account_age_hours: f64,
    pub approved_comments: u32,
    pub rejected_comments: u32,
    pub reports_against: u32,
    pub trusted: bool,
    pub recent_by_account: u32,
    pub recent_by_address: u32,
    pub near_duplicates: u32,
    pub exact_duplicates: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub simhash: u64,
    pub exact: u64,
    pub words: usize,
}
impl Fingerprint {
    pub fn is_near(&self, other: &Fingerprint) -> bool {
        (self.simhash ^ other.simhash).count_ones() <= 3
    }
    pub fn simhash_i64(&self) -> i64 {
        self.simhash as i64
    }
    pub fn exact_i64(&self) -> i64 {
        self.exact as i64
    }
}
pub fn fingerprint(text: &str) -> Fingerprint {
    Fingerprint {
        simhash: text.len() as u64,
        exact: text.len() as u64,
        words: text.split_whitespace().count(),
    }
}

#[derive(Debug, Clone)]
pub struct SiteModel;
impl SiteModel {
    pub fn to_bytes(&self) -> Vec<u8> {
        Vec::new()
    }
    pub fn from_bytes(_b: &[u8]) -> Option<Self> {
        Some(SiteModel)
    }
}

#[derive(Debug)]
pub struct Assessor {
    thresholds: Thresholds,
}
impl Assessor {
    pub fn new(thresholds: Thresholds, _blocked: &[String]) -> Self {
        Self { thresholds }
    }
    pub fn with_site_model(self, _m: Option<SiteModel>) -> Self {
        self
    }
    pub fn assess(&self, text: &str, _s: &Signals) -> Assessment {
        let bad = text.contains("idiot");
        let _ = &self.thresholds;
        Assessment {
            decision: if bad {
                Decision::Hold
            } else {
                Decision::Publish
            },
            reasons: if bad {
                vec![Reason {
                    code: "insult".into(),
                    message: "Insult".into(),
                    evidence: Some("idiot".into()),
                }]
            } else {
                vec![]
            },
            scores: Scores {
                risk: if bad { 0.9 } else { 0.01 },
                abuse: if bad { 0.9 } else { 0.0 },
                ..Scores::default()
            },
        }
    }
}
impl Signals {
    pub fn established() -> Self {
        Self {
            account_age_hours: 24.0 * 365.0,
            approved_comments: 50,
            ..Self::default()
        }
    }
}
impl Fingerprint {
    pub fn is_near_simhash(&self, other: i64) -> bool {
        (self.simhash ^ other as u64).count_ones() <= 3
    }
}
impl SiteModel {
    pub fn train(_e: &[(&str, bool)], _o: &TrainOptions) -> Self {
        SiteModel
    }
}
#[derive(Debug, Clone, Default)]
pub struct TrainOptions;
pub mod eval {
    pub struct Labelled {
        pub text: String,
        pub label: bool,
    }
    #[derive(Debug)]
    pub struct EvalError;
    impl std::fmt::Display for EvalError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "bad csv")
        }
    }
    pub fn read_csv(_r: impl std::io::Read) -> Result<Vec<Labelled>, EvalError> {
        Ok(Vec::new())
    }
    pub struct Report;
    impl Report {
        pub fn mistakes(&self) -> String {
            String::new()
        }
    }
    impl std::fmt::Display for Report {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "report")
        }
    }
    pub fn evaluate(_a: &super::Assessor, _rows: &[Labelled]) -> Report {
        Report
    }
}
