//! `tribune import FORMAT FILE`: imports another comment system's export (see
//! `tribune_app::imports`), with a progress line on a terminal and a summary at the end.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Args;
use tribune_app::Tribune;
use tribune_app::imports::{Format, Input, Options, Summary};

#[derive(Args)]
pub struct ImportArgs {
    /// The export's format: disqus (XML), wordpress (WXR), commento (JSON), remark42 (backup),
    /// isso (its comments.db), or tribune (a `tribune export` file, into an empty site).
    pub format: String,
    /// The export file.
    pub file: PathBuf,
    /// The site that threads given as paths (`/2024/05/story/`) belong to, such as
    /// https://news.example; without it such threads are skipped.
    #[arg(long)]
    pub base_url: Option<String>,
}

pub async fn run(tribune: &Tribune, args: ImportArgs) -> anyhow::Result<()> {
    let format = Format::parse(&args.format).map_err(|e| anyhow::anyhow!("{e}"))?;
    let options = Options {
        base_url: args.base_url,
    };
    let terminal = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut shown = Instant::now();
    let mut progress = move |summary: &Summary| {
        if terminal && shown.elapsed() >= Duration::from_millis(200) {
            shown = Instant::now();
            eprint!(
                "\r{} records read, {} comments imported ({:.0} s)",
                summary.records(),
                summary.comments,
                started.elapsed().as_secs_f64()
            );
            let _ = std::io::stderr().flush();
        }
    };
    let outcome = tribune
        .import(
            format,
            Input::File(args.file.clone()),
            &options,
            &mut progress,
        )
        .await;
    if terminal {
        eprintln!();
    }
    let summary = outcome.map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    println!("Imported {} ({}):", args.file.display(), format.as_str());
    println!("{summary}");
    Ok(())
}
