use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, ExitStatus, run_child};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-executor",
    version,
    about = "Signer/executor: the only holder of the Binance secret; places risk-approved signed intents"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[arg(
        long,
        help = "only say whether the Binance key and secret are present (never printed); exit 0 if both are, 4 if not"
    )]
    check_secrets: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.check_secrets {
        let status = if livespot_executor::binance_secrets_present() {
            ExitStatus::Success
        } else {
            ExitStatus::Refused
        };
        return status.into();
    }
    run_child(ProcessRole::Executor, &cli.common, livespot_executor::run).into()
}
