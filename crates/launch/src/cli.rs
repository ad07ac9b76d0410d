use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use livespot_runtime::CommonArgs;

#[derive(Debug, Parser)]
#[command(
    name = "livespot-launch",
    version,
    about = "Supervisor: enforces the LIVE locks, hands out per-run keys, starts and restarts every livespot process",
    after_help = "Exit codes: 0 run ended (duration elapsed or Ctrl-C/SIGTERM), 1 failure, 2 usage (neither --sim nor --live), 3 bad config, 4 LIVE refused (reason codes printed), 5 fatal."
)]
pub struct LaunchCli {
    #[command(flatten)]
    pub common: CommonArgs,
    #[arg(
        long,
        conflicts_with = "live",
        help = "run against the built-in venue simulator"
    )]
    pub sim: bool,
    #[arg(
        long,
        help = "LIVE trading on Binance; refused unless the LIVE locks hold"
    )]
    pub live: bool,
    #[arg(
        long,
        value_name = "FILE",
        requires = "sim",
        help = "TOML with api_key and api_secret for the simulator account"
    )]
    pub sim_credentials: Option<PathBuf>,
    #[arg(long, value_name = "SECS", help = "stop after this many seconds")]
    pub duration: Option<u64>,
    #[command(subcommand)]
    pub command: Option<LaunchCommand>,
}

#[derive(Debug, Subcommand)]
pub enum LaunchCommand {
    #[command(about = "store API secrets in the OS keyring (never echoed)")]
    Secrets {
        #[command(subcommand)]
        action: SecretsAction,
    },
    #[command(
        about = "pause trading in the running stack (OPERATOR_PAUSE): no new entries, protections and exits keep working"
    )]
    Pause {
        #[arg(long = "var", value_name = "DIR", default_value = "var")]
        var_dir: PathBuf,
        #[arg(long, value_name = "TEXT", help = "why; written to the audit trail")]
        reason: Option<String>,
    },
    #[command(about = "lift an operator pause; NORMAL again once no other condition holds")]
    Resume {
        #[arg(long = "var", value_name = "DIR", default_value = "var")]
        var_dir: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum SecretsAction {
    #[command(about = "read the secret(s) from standard input, one per line, and store them")]
    Set { kind: SecretKind },
    #[command(
        about = "copy BINANCE_API_KEY, BINANCE_API_SECRET, OPENAI_API_KEY from a .env file into the keyring"
    )]
    ImportEnv {
        #[arg(long, value_name = "FILE", default_value = ".env")]
        file: PathBuf,
    },
    #[command(about = "say which secrets are present (values never shown)")]
    Status,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretKind {
    Binance,
    Openai,
}
