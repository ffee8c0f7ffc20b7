//! Evaluates the default assessor on a labelled CSV file (`text,label`).
//!
//! `cargo run -p tribune-assess --release --example eval -- crates/assess/eval/dev.csv`

use std::fs::File;

use tribune_assess::{Assessor, Thresholds, eval};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: eval <labelled.csv>")?;
    let rows = eval::read_csv(File::open(&path)?)?;
    let assessor = Assessor::new(Thresholds::default(), &[]);
    print!("{}", eval::evaluate(&assessor, &rows));
    Ok(())
}
