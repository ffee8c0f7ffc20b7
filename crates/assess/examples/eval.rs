//! Evaluates the default assessor on a labelled CSV file (`text,label`).
//!
//! `cargo run -p tribune-assess --release --example eval -- [--rules-only] crates/assess/eval/dev.csv`
//!
//! `--rules-only` leaves out the shipped base model. It was trained on every file in `eval/`,
//! so with it the numbers on those files are in-sample; see `eval/README.md`.

use std::fs::File;

use tribune_assess::{Assessor, Thresholds, eval};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut rules_only = false;
    let mut path = None;
    for arg in std::env::args().skip(1) {
        if arg == "--rules-only" {
            rules_only = true;
        } else {
            path = Some(arg);
        }
    }
    let path = path.ok_or("usage: eval [--rules-only] <labelled.csv>")?;
    let rows = eval::read_csv(File::open(&path)?)?;
    let mut assessor = Assessor::new(Thresholds::default(), &[]);
    if rules_only {
        assessor = assessor.without_base_model();
    }
    print!("{}", eval::evaluate(&assessor, &rows));
    Ok(())
}
