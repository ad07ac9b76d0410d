use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use livespot_domain::ProcessRole;
use livespot_runtime::{CommonArgs, run_child};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(
    name = "livespot-audit",
    version,
    about = "Audit process: sole writer of var/data/audit.sqlite and the JSONL trail"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(about = "Walk the event chain and the counts; exit 1 naming the first broken row")]
    Verify {
        #[arg(long = "var", value_name = "DIR", default_value = "var")]
        var_dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Verify { var_dir }) => livespot_audit::run_verify(&var_dir).into(),
        None => run_child(ProcessRole::Audit, &cli.common, livespot_audit::run).into(),
    }
}
