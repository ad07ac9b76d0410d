use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-launch",
    version,
    about = "Supervisor: enforces the LIVE locks, hands out per-run keys, starts and restarts every livespot process"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-launch") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
