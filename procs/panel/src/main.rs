use std::process::ExitCode;

use clap::Parser;
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-panel",
    version,
    about = "Read-only operator panel on 127.0.0.1"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    run_child(ProcessRole::Panel, &cli.common, livespot_panel::run).into()
}
