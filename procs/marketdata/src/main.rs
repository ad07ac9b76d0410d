use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

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
    run_child(
        ProcessRole::Marketdata,
        &cli.common,
        livespot_marketdata::run,
    )
    .into()
}
