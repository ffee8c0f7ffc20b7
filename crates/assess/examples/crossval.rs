//! Cross-file check of a learned base model: trains `SiteModel` on two labelled files and
//! measures it on the third, alone and blended with the rules, for every rotation.
//!
//! `cargo run -p tribune-assess --release --example crossval -- A.csv B.csv C.csv`

use std::fs::File;

use tribune_assess::{Assessor, SiteModel, Thresholds, TrainOptions, eval};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.len() < 2 {
        return Err("usage: crossval <a.csv> <b.csv> [c.csv ...]".into());
    }
    let files = paths
        .iter()
        .map(|p| Ok(eval::read_csv(File::open(p)?)?))
        .collect::<Result<Vec<_>, Box<dyn std::error::Error>>>()?;
    for (held, test) in files.iter().enumerate() {
        let train: Vec<(&str, bool)> = files
            .iter()
            .enumerate()
            .filter(|(k, _)| *k != held)
            .flat_map(|(_, rows)| rows.iter().map(|r| (r.text.as_str(), r.label)))
            .collect();
        let char_ngrams = std::env::var_os("CHAR_NGRAMS").is_some();
        let options = TrainOptions {
            char_ngrams,
            ..TrainOptions::default()
        };
        let model = SiteModel::train(&train, &options);
        println!("== held out {} (char n-grams: {char_ngrams})", paths[held]);
        let civil = test.iter().filter(|r| !r.label).count() as f64;
        let abusive = test.iter().filter(|r| r.label).count() as f64;
        for t in [0.5f32, 0.6, 0.7, 0.8, 0.9] {
            let (mut tp, mut fp) = (0.0, 0.0);
            for r in test {
                if model.predict(&r.text) >= t {
                    if r.label {
                        tp += 1.0;
                    } else {
                        fp += 1.0;
                    }
                }
            }
            println!(
                "model alone >= {t:.1}: recall {:.3}  civil held {:.2}%",
                tp / abusive,
                100.0 * fp / civil
            );
        }
        // Rows the rules missed before (one text a line): how many would the model add?
        if let Some(path) = std::env::var_os("MISSES") {
            let missed = std::fs::read_to_string(path)?;
            let lines: Vec<&str> = missed.lines().filter(|l| !l.is_empty()).collect();
            let caught = lines.iter().filter(|l| model.predict(l) >= 0.78).count();
            println!(
                "earlier misses the blend would hold: {caught} of {}",
                lines.len()
            );
        }
        let rules = Assessor::new(Thresholds::default(), &[]);
        let r = eval::evaluate(&rules, test);
        println!(
            "rules: recall {:.3}  civil held {:.2}%",
            r.recall,
            r.hold_rate_civil * 100.0
        );
        let blended = Assessor::new(Thresholds::default(), &[]).with_site_model(Some(model));
        let r = eval::evaluate(&blended, test);
        println!(
            "rules + model: recall {:.3}  civil held {:.2}%",
            r.recall,
            r.hold_rate_civil * 100.0
        );
    }
    Ok(())
}
