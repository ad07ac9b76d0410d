use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use livespot_doctor::{DEFAULT_DOTENV_FILE, DoctorOptions};
use livespot_runtime::CommonArgs;

#[derive(Debug, Parser)]
#[command(
    name = "livespot-doctor",
    version,
    about = "Checks whether this machine may run livespot (config, locks, stores, secrets, clock, venue)"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[arg(
        long,
        help = "print {\"overall\",\"config_hash\",\"checks\":[...]} as JSON instead of a table"
    )]
    json: bool,
    #[arg(
        long,
        help = "judge as livespot-launch --live does: a missing lock file, key or credentials is a FAIL"
    )]
    live_checklist: bool,
    #[arg(
        long,
        value_name = "FILE",
        help = "TOML with api_key and api_secret for the permission check (same format as the launcher's simulator credentials file)"
    )]
    credentials_file: Option<PathBuf>,
    #[arg(long = "dotenv", value_name = "FILE", default_value = DEFAULT_DOTENV_FILE, help = ".env file inspected for plaintext secrets")]
    dotenv_path: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    livespot_doctor::run(DoctorOptions {
        config_path: cli.common.config,
        var_dir: cli.common.var_dir,
        json: cli.json,
        live_checklist: cli.live_checklist,
        credentials_file: cli.credentials_file,
        dotenv_path: cli.dotenv_path,
    })
    .into()
}
