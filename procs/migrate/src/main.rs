use std::process::ExitCode;

use clap::Parser;
use livespot_audit::{audit_db_path, migrate_store};
use livespot_runtime::{CommonArgs, ExitStatus};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-migrate",
    version,
    about = "Creates or upgrades var/data/*.sqlite from migrations/"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(status) = cli.common.load_config("livespot-migrate") {
        return status.into();
    }
    let path = audit_db_path(&cli.common.var_dir);
    match migrate_store(&path) {
        Ok(outcome) => {
            println!(
                "livespot-migrate: {} at schema version {} (was {})",
                path.display(),
                outcome.to_version,
                outcome.from_version
            );
            ExitStatus::Success.into()
        }
        Err(error) => {
            eprintln!("livespot-migrate: {error}");
            ExitStatus::Failure.into()
        }
    }
}
