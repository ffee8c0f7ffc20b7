//! `tribune export`, `tribune import tribune`, `tribune backup` and `tribune migrate`: the
//! operator's side of `tribune_app::site_export`. Progress goes to standard error when it is
//! a terminal; summaries go to standard output (to standard error when the export itself
//! does).

use std::io::{BufReader, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, anyhow, bail};
use time::OffsetDateTime;
use tribune_app::Tribune;
use tribune_app::site_export::{Counts, ExportOptions, TableCheck};

/// What `tribune export` writes.
#[derive(Debug, Clone, Copy, Default, clap::ValueEnum)]
pub enum ExportFormat {
    /// Tribune's own JSON Lines: the whole site, for `tribune import tribune`.
    #[default]
    Tribune,
    /// Disqus XML (threads and posts), which other comment systems import.
    Disqus,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Write to this new file (never over an existing one) instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    format: ExportFormat,
    /// Include password hashes (Argon2id), so that accounts can log in on the new site.
    #[arg(long)]
    with_password_hashes: bool,
    /// Disqus XML: include commenters' email addresses.
    #[arg(long)]
    with_emails: bool,
}

#[derive(Debug, Clone, clap::Subcommand)]
pub enum ImportTribune {
    /// Restore a `tribune export` file into this (empty) site, ids and all.
    Tribune { file: PathBuf },
}

/// A closure that shows progress on standard error when it is a terminal.
fn progress(verb: &'static str) -> impl FnMut(&str, u64) + Send {
    let terminal = std::io::stderr().is_terminal();
    move |record: &str, n: u64| {
        if terminal {
            eprint!("\r\x1b[K{verb} {record}: {n}");
        }
    }
}

fn end_progress() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
}

fn summary(counts: &Counts) -> String {
    let mut text = String::new();
    for (record, n) in &counts.0 {
        text.push_str(&format!("  {record:<20} {n:>10}\n"));
    }
    text.push_str(&format!("  {:<20} {:>10}", "total", counts.total()));
    text
}

/// The moment an export names: `SOURCE_DATE_EPOCH` when set (reproducible exports), else now.
fn exported_at() -> anyhow::Result<OffsetDateTime> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(seconds) => {
            let seconds: i64 = seconds
                .trim()
                .parse()
                .context("SOURCE_DATE_EPOCH is not a whole number of seconds")?;
            OffsetDateTime::from_unix_timestamp(seconds)
                .context("SOURCE_DATE_EPOCH is out of range")
        }
        Err(_) => Ok(Tribune::now()),
    }
}

pub async fn export(tribune: &Tribune, args: ExportArgs) -> anyhow::Result<()> {
    let to_stdout = args.output.is_none();
    let mut out: Box<dyn Write + Send> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create_new(path)
                .with_context(|| format!("creating {} (it must not exist yet)", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let counts = match args.format {
        ExportFormat::Tribune => {
            let options = ExportOptions {
                with_password_hashes: args.with_password_hashes,
                exported_at: exported_at()?,
            };
            tribune
                .export_site(&mut out, &options, &mut progress("exported"))
                .await?
        }
        ExportFormat::Disqus => tribune.export_disqus(&mut out, args.with_emails).await?,
    };
    out.flush()?;
    drop(out);
    end_progress();
    let text = format!("Exported:\n{}", summary(&counts));
    if to_stdout {
        eprintln!("{text}");
    } else {
        println!("{text}");
    }
    Ok(())
}

pub async fn import(tribune: &Tribune, command: ImportTribune) -> anyhow::Result<()> {
    let ImportTribune::Tribune { file } = command;
    let input =
        std::fs::File::open(&file).with_context(|| format!("opening {}", file.display()))?;
    let counts = tribune
        .import_site(BufReader::new(input), &mut progress("imported"))
        .await
        .map_err(|e| anyhow!("{}: {e}", file.display()))?;
    end_progress();
    println!("Imported:\n{}", summary(&counts));
    Ok(())
}

pub async fn backup(tribune: &Tribune, path: PathBuf) -> anyhow::Result<()> {
    tribune.backup_site(&path).await?;
    let size = std::fs::metadata(&path)
        .map(|m| m.len())
        .unwrap_or_default();
    println!(
        "Backed up the site to {} ({size} bytes). To restore: stop Tribune, copy this file to \
         the database's path (removing any -wal and -shm files beside it), start Tribune.",
        path.display()
    );
    Ok(())
}

fn checks_table(checks: &[TableCheck]) -> String {
    let mut text = format!(
        "{:<22} {:>10} {:>10}  {:<16} {:<16}  \n",
        "table", "source", "target", "sha256 (source)", "sha256 (target)"
    );
    for check in checks {
        text.push_str(&format!(
            "{:<22} {:>10} {:>10}  {:<16} {:<16}  {}\n",
            check.table,
            check.source_rows,
            check.target_rows,
            &check.source_sha256[..16.min(check.source_sha256.len())],
            &check.target_sha256[..16.min(check.target_sha256.len())],
            if check.matches() { "ok" } else { "MISMATCH" }
        ));
    }
    text
}

pub async fn migrate(tribune: &Tribune, to: &str) -> anyhow::Result<()> {
    if !(to.starts_with("postgres://") || to.starts_with("postgresql://")) {
        bail!("--to takes a postgres://… URL (the PostgreSQL database to move this site to)");
    }
    let target = tribune_store::Store::connect(to)
        .await
        .context("opening the target database")?;
    let checks = tribune
        .migrate_site(&target, &mut progress("copied"))
        .await?;
    end_progress();
    target.close().await;
    let table = checks_table(&checks);
    let failed: Vec<&str> = checks
        .iter()
        .filter(|c| !c.matches())
        .map(|c| c.table)
        .collect();
    if !failed.is_empty() {
        eprint!("{table}");
        bail!(
            "the copy differs from the site in {} (was the site written to meanwhile? stop it, \
             empty the target and migrate again)",
            failed.join(", ")
        );
    }
    print!("{table}");
    println!(
        "Moved the site: every table has the same rows and checksum on both sides. Point \
         `database` at the PostgreSQL URL and start Tribune."
    );
    Ok(())
}
