use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-sim",
    version,
    about = "Binance-compatible venue simulator on 127.0.0.1"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-sim") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
