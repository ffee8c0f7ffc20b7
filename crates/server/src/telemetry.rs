//! Structured logs: human-readable text or JSON lines, filtered by `log.level` (or `RUST_LOG`).

use tracing_subscriber::EnvFilter;
use tribune_app::settings::LogSettings;

pub fn init(log: &LogSettings) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&log.level))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // A second initialisation (tests start several servers) keeps the first subscriber.
    let _ = if log.format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
