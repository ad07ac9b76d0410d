use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-migrate",
    version,
    about = "Creates or upgrades var/data/*.sqlite from migrations/"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-migrate") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
