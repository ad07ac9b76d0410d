use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-risk",
    version,
    about = "Risk process: limits, verdicts and signing of approved order intents"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run_child(ProcessRole::Risk, &cli.common, livespot_risk::run).into()
}
