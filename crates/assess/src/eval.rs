//! Measuring an assessor against labelled comments.
//!
//! A labelled file is CSV with a header `text,label`; label 1 means the comment should be held
//! or rejected, 0 that it should be published. The positive class of the metrics is "held or
//! rejected". Rows are assessed as from an established account, so the text alone decides.

use std::fmt;

use crate::{Assessor, Decision, Signals};

/// One labelled comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    pub text: String,
    /// True: should be held or rejected.
    pub label: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("reading the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("the CSV needs a header with the columns text and label")]
    MissingColumn,
    #[error("row {row}: label must be 0 or 1, not {value:?}")]
    Label { row: usize, value: String },
}

/// Reads `text,label` rows (other columns are ignored).
pub fn read_csv(r: impl std::io::Read) -> Result<Vec<Labelled>, EvalError> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(r);
    let headers = reader.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (text_col, label_col) = match (col("text"), col("label")) {
        (Some(t), Some(l)) => (t, l),
        _ => return Err(EvalError::MissingColumn),
    };
    let mut rows = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record?;
        let text = record.get(text_col).unwrap_or("").to_string();
        let value = record.get(label_col).unwrap_or("").trim();
        let label = match value {
            "1" | "true" => true,
            "0" | "false" => false,
            _ => {
                return Err(EvalError::Label {
                    row: k + 2,
                    value: value.to_string(),
                });
            }
        };
        rows.push(Labelled { text, label });
    }
    Ok(rows)
}

/// A comment the assessor got wrong, for inspection.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub text: String,
    pub decision: Decision,
    pub risk: f32,
    /// Reason codes of the assessment.
    pub codes: Vec<String>,
}

/// Metrics of "held or rejected" against the labels.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub true_positives: usize,
    pub false_positives: usize,
    pub true_negatives: usize,
    pub false_negatives: usize,
    /// Of the rows flagged, the share labelled 1.
    pub precision: f64,
    /// Of the rows labelled 1, the share flagged.
    pub recall: f64,
    pub f1: f64,
    /// Of the rows labelled 0, the share held or rejected.
    pub hold_rate_civil: f64,
    /// Rows labelled 0 that were held or rejected.
    pub false_positive_rows: Vec<Miss>,
    /// Rows labelled 1 that were published.
    pub false_negative_rows: Vec<Miss>,
}

impl Report {
    /// Metrics from the four counts (rows lists left empty).
    pub fn from_counts(tp: usize, fp: usize, tn: usize, fn_: usize) -> Report {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Report {
            true_positives: tp,
            false_positives: fp,
            true_negatives: tn,
            false_negatives: fn_,
            precision,
            recall,
            f1,
            hold_rate_civil: ratio(fp, fp + tn),
            false_positive_rows: Vec::new(),
            false_negative_rows: Vec::new(),
        }
    }

    pub fn rows(&self) -> usize {
        self.true_positives + self.false_positives + self.true_negatives + self.false_negatives
    }
}

/// Signals of an established account in good standing, so only the text counts.
pub fn neutral_signals() -> Signals {
    Signals {
        account_age_hours: 24.0 * 365.0,
        approved_comments: 10,
        ..Signals::default()
    }
}

/// Assesses every row with neutral signals and counts the outcomes.
pub fn evaluate(assessor: &Assessor, rows: &[Labelled]) -> Report {
    let signals = neutral_signals();
    let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
    let mut fps = Vec::new();
    let mut fns = Vec::new();
    for row in rows {
        let a = assessor.assess(&row.text, &signals);
        let flagged = a.decision != Decision::Publish;
        let miss = || Miss {
            text: row.text.clone(),
            decision: a.decision,
            risk: a.scores.risk,
            codes: a.reasons.iter().map(|r| r.code.clone()).collect(),
        };
        match (row.label, flagged) {
            (true, true) => tp += 1,
            (false, false) => tn += 1,
            (false, true) => {
                fp += 1;
                fps.push(miss());
            }
            (true, false) => {
                fn_ += 1;
                fns.push(miss());
            }
        }
    }
    let mut report = Report::from_counts(tp, fp, tn, fn_);
    report.false_positive_rows = fps;
    report.false_negative_rows = fns;
    report
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "rows {}  (abusive {}, civil {})",
            self.rows(),
            self.true_positives + self.false_negatives,
            self.true_negatives + self.false_positives
        )?;
        writeln!(
            f,
            "precision {:.3}  recall {:.3}  f1 {:.3}  hold rate on civil {:.2}%",
            self.precision,
            self.recall,
            self.f1,
            self.hold_rate_civil * 100.0
        )?;
        writeln!(
            f,
            "tp {}  fp {}  tn {}  fn {}",
            self.true_positives, self.false_positives, self.true_negatives, self.false_negatives
        )?;
        for (title, rows) in [
            (
                "false positives (civil, not published)",
                &self.false_positive_rows,
            ),
            (
                "false negatives (abusive, published)",
                &self.false_negative_rows,
            ),
        ] {
            if rows.is_empty() {
                continue;
            }
            writeln!(f, "{title}:")?;
            for m in rows {
                writeln!(
                    f,
                    "  [{:?} {:.2} {}] {}",
                    m.decision,
                    m.risk,
                    m.codes.join(","),
                    m.text
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_arithmetic() {
        let r = Report::from_counts(8, 2, 88, 2);
        assert!((r.precision - 0.8).abs() < 1e-12);
        assert!((r.recall - 0.8).abs() < 1e-12);
        assert!((r.f1 - 0.8).abs() < 1e-12);
        assert!((r.hold_rate_civil - 2.0 / 90.0).abs() < 1e-12);
        assert_eq!(r.rows(), 100);
        let empty = Report::from_counts(0, 0, 0, 0);
        assert_eq!((empty.precision, empty.recall, empty.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn reads_csv() {
        let rows = read_csv("text,label\n\"Hello, world\",0\nyou idiot,1\n".as_bytes()).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].text, "Hello, world");
        assert!(rows[1].label);
        assert!(matches!(
            read_csv("text,label\nx,maybe\n".as_bytes()),
            Err(EvalError::Label { row: 2, .. })
        ));
        assert!(matches!(
            read_csv("body,label\nx,1\n".as_bytes()),
            Err(EvalError::MissingColumn)
        ));
    }

    #[test]
    fn evaluate_counts_outcomes() {
        let a = Assessor::new(crate::Thresholds::default(), &[]);
        let rows = vec![
            Labelled {
                text: "You are an idiot.".into(),
                label: true,
            },
            Labelled {
                text: "The council met on Tuesday.".into(),
                label: false,
            },
            Labelled {
                text: "Thanks for the report.".into(),
                label: true,
            },
        ];
        let r = evaluate(&a, &rows);
        assert_eq!(
            (r.true_positives, r.true_negatives, r.false_negatives),
            (1, 1, 1)
        );
        assert_eq!(r.false_negative_rows[0].text, "Thanks for the report.");
        assert!(r.to_string().contains("recall 0.500"));
    }
}
