//! Leave-one-writer-out check of a learned base model: for every labelled file, trains
//! `SiteModel` on the other files and measures the held-out one with the rules alone and with
//! the rules plus the model at several blend settings. The blend is simulated from the rules'
//! abuse score exactly as `Assessor` combines it (noisy-or of `weight · (p − start)/(1 − start)`),
//! so one run compares every setting on every writer.
//!
//! `cargo run -p tribune-assess --release --example crossval -- A.csv B.csv C.csv ...`
//! (`CHAR_NGRAMS=1` adds character n-grams to the model.)

use std::fs::File;

use tribune_assess::{Assessor, Decision, SiteModel, Thresholds, TrainOptions, eval};

/// Outcome counts on one file: (abusive caught, abusive, civil held, civil).
type Counts = (usize, usize, usize, usize);

/// One held-out row: (label, rules flagged it, rules' abuse score, model probability).
type Row = (bool, bool, f32, f32);

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.len() < 2 {
        return Err("usage: crossval <a.csv> <b.csv> [c.csv ...]".into());
    }
    let files = paths
        .iter()
        .map(|p| Ok(eval::read_csv(File::open(p)?)?))
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
    let char_ngrams = std::env::var_os("CHAR_NGRAMS").is_some();
    let options = TrainOptions {
        char_ngrams,
        ..TrainOptions::default()
    };
    let settings: Vec<(f32, f32)> = [0.5f32, 0.6, 0.7, 0.8]
        .iter()
        .flat_map(|s| [0.5f32, 0.7, 0.9, 1.1, 1.3].map(|w| (*s, w)))
        .collect();
    let rules = Assessor::new(Thresholds::default(), &[]).without_base_model();
    let hold = Thresholds::default().hold;
    let signals = eval::neutral_signals();
    // results[setting][file]; setting 0 is the rules alone.
    let mut results: Vec<Vec<Counts>> = vec![Vec::new(); settings.len() + 1];
    let mut alone: Vec<Vec<Counts>> = vec![Vec::new(); 5];
    for (held, test) in files.iter().enumerate() {
        let train: Vec<(&str, bool)> = files
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != held)
            .flat_map(|(_, rows)| rows.iter().map(|r| (r.text.as_str(), r.label)))
            .collect();
        let model = SiteModel::train(&train, &options);
        let rows: Vec<Row> = test
            .iter()
            .map(|r| {
                let a = rules.assess(&r.text, &signals);
                let flagged = a.decision != Decision::Publish;
                (r.label, flagged, a.scores.abuse, model.predict(&r.text))
            })
            .collect();
        let count = |flag: &dyn Fn(&Row) -> bool| -> Counts {
            let mut c = (0, 0, 0, 0);
            for row in &rows {
                if row.0 {
                    c.1 += 1;
                    c.0 += usize::from(flag(row));
                } else {
                    c.3 += 1;
                    c.2 += usize::from(flag(row));
                }
            }
            c
        };
        results[0].push(count(&|r| r.1));
        for (k, &(start, weight)) in settings.iter().enumerate() {
            results[k + 1].push(count(&|r| {
                let part = weight * ((r.3 - start) / (1.0 - start)).max(0.0);
                r.1 || 1.0 - (1.0 - r.2) * (1.0 - part) >= hold
            }));
        }
        for (k, t) in [0.5f32, 0.6, 0.7, 0.8, 0.9].iter().enumerate() {
            alone[k].push(count(&|r| r.3 >= *t));
        }
    }
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap_or(p).trim_end_matches(".csv"))
        .collect();
    println!(
        "char n-grams: {char_ngrams}; each cell: recall % / civil held % on the held-out file"
    );
    print!("| setting |");
    for n in &names {
        print!(" {n} |");
    }
    println!(" mean |");
    let row = |label: String, cells: &[Counts]| {
        print!("| {label} |");
        let (mut r, mut c) = (0.0, 0.0);
        for x in cells {
            print!(" {:.1} / {:.2} |", pct(x.0, x.1), pct(x.2, x.3));
            r += pct(x.0, x.1);
            c += pct(x.2, x.3);
        }
        let n = cells.len() as f64;
        println!(" {:.1} / {:.2} |", r / n, c / n);
    };
    for (k, t) in [0.5f32, 0.6, 0.7, 0.8, 0.9].iter().enumerate() {
        row(format!("model alone ≥ {t:.1}"), &alone[k]);
    }
    row("rules alone".to_string(), &results[0]);
    for (k, (start, weight)) in settings.iter().enumerate() {
        row(
            format!("rules + model (start {start:.1}, weight {weight:.1})"),
            &results[k + 1],
        );
    }
    Ok(())
}
