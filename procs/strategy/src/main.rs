use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-strategy",
    version,
    about = "Strategy process: selection, regimes, edge model, plans and the AI gate"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run_child(ProcessRole::Strategy, &cli.common, livespot_strategy::run).into()
}
