use std::process::ExitCode;

use clap::Parser;
use livespot_launch::{LaunchCli, main_entry};

fn main() -> ExitCode {
    let cli = LaunchCli::parse();
    main_entry(&cli).into()
}
