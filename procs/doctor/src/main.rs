use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-doctor",
    version,
    about = "Checks whether this machine may run livespot (config, locks, stores, secrets, clock, venue)"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-doctor") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
