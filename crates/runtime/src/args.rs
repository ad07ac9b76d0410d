use std::path::PathBuf;

use clap::Args;
use livespot_config::{Config, DEFAULT_CONFIG_PATH};

use crate::ExitStatus;

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CONFIG_PATH, help = "livespot.toml to load and validate")]
    pub config: PathBuf,
    #[arg(
        long = "var",
        value_name = "DIR",
        default_value = "var",
        help = "runtime directory holding data/, logs/ and run/"
    )]
    pub var_dir: PathBuf,
}

impl CommonArgs {
    pub fn load_config(&self, process: &str) -> Result<Config, ExitStatus> {
        Config::load(&self.config).map_err(|error| {
            eprintln!("{process}: refusing to start: {error}");
            ExitStatus::BadConfig
        })
    }
}
