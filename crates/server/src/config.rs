//! Loading the configuration: defaults, then the TOML file, then `TRIBUNE_*` environment
//! variables (`__` between a section and its key), then command-line flags.
//! `TRIBUNE_RATE_LIMITS=off` turns every rate limit off (load tests, local acceptance runs).

use std::path::Path;

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use tribune_app::Settings;

pub fn load(
    file: Option<&Path>,
    database: Option<&str>,
    listen: Option<&str>,
) -> anyhow::Result<Settings> {
    let mut figment = Figment::from(Serialized::defaults(Settings::default()));
    if let Some(file) = file {
        if !file.exists() {
            bail!("the configuration file {} does not exist", file.display());
        }
        figment = figment.merge(Toml::file(file));
    }
    figment = figment.merge(
        Env::prefixed("TRIBUNE_")
            .ignore(&["CONFIG", "TEST_POSTGRES", "RATE_LIMITS"])
            .split("__"),
    );
    if let Some(database) = database {
        figment = figment.merge(Serialized::default("database", database));
    }
    if let Some(listen) = listen {
        figment = figment.merge(Serialized::default("listen", listen));
    }
    let mut settings: Settings = figment.extract().context("reading the configuration")?;
    match std::env::var("TRIBUNE_RATE_LIMITS").as_deref() {
        Ok("off") => settings.rate_limits.enabled = false,
        Ok("on") | Err(_) => {}
        Ok(other) => bail!("TRIBUNE_RATE_LIMITS must be `off` or `on`, not `{other}`"),
    }
    settings
        .validate()
        .map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
    Ok(settings)
}
