use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

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
    match cli.common.load_config("livespot-executor") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
