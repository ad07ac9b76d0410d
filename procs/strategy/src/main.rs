use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

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
    match cli.common.load_config("livespot-strategy") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
