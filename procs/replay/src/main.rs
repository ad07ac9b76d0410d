use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-replay",
    version,
    about = "Runs strategy, risk and execution logic over recorded market data"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-replay") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
