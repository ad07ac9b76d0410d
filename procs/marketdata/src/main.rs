use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-marketdata",
    version,
    about = "Market data process: exchangeInfo, universe, klines, local books, snapshots (no secrets)"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-marketdata") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
