use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-audit",
    version,
    about = "Audit process: sole writer of var/data/audit.sqlite and the JSONL trail"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.common.load_config("livespot-audit") {
        Ok(_config) => ExitStatus::Success.into(),
        Err(status) => status.into(),
    }
}
