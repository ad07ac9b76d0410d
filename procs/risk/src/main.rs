use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

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
    match cli.common.load_config("livespot-risk") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
