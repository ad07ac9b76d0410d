use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-executor",
    version,
    about = "Signer/executor: the only holder of the Binance secret; places risk-approved signed intents"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run_child(ProcessRole::Executor, &cli.common, livespot_executor::run).into()
}
