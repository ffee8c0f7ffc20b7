//! Trains the shipped base model (`model/base_model.bin`) on labelled files: `SiteModel` with
//! word unigrams and bigrams and the default, seeded options, so the same files always give
//! the same bytes.
//!
//! `cargo run -p tribune-assess --release --example train_base -- OUT.bin A.csv B.csv ...`
//! (run from the workspace root with every file in `crates/assess/eval/` except any blind set;
//! `CHAR_NGRAMS=1` adds character n-grams).

use std::fs::File;

use tribune_assess::{SiteModel, TrainOptions, eval};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .ok_or("usage: train_base <out.bin> <a.csv> [b.csv ...]")?;
    let mut rows = Vec::new();
    for path in args {
        rows.extend(eval::read_csv(File::open(&path)?)?);
    }
    if rows.is_empty() {
        return Err("no labelled rows".into());
    }
    let examples: Vec<(&str, bool)> = rows.iter().map(|r| (r.text.as_str(), r.label)).collect();
    let options = TrainOptions {
        char_ngrams: std::env::var_os("CHAR_NGRAMS").is_some(),
        ..TrainOptions::default()
    };
    let model = SiteModel::train(&examples, &options);
    std::fs::write(&out, model.to_bytes())?;
    println!("{model:?} -> {out}");
    Ok(())
}
