use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use livespot_replay::{DEFAULT_INTERVAL_MINUTES, DecisionsRequest, run_decisions_to_stdout};
use livespot_runtime::{CommonArgs, ExitStatus};
use rust_decimal::Decimal;

#[derive(Debug, Parser)]
#[command(
    name = "livespot-replay",
    version,
    about = "Runs strategy, risk and execution logic over recorded market data"
)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    #[command(
        about = "Feed recorded 1m klines through selection and decisions; print one JSON line per decision and a summary"
    )]
    Decisions(DecisionsArgs),
}

#[derive(Debug, Args)]
struct DecisionsArgs {
    #[arg(long, value_name = "CSV", num_args = 1.., required = true, help = "1m kline CSV files named <SYMBOL>-1m-...csv")]
    klines: Vec<PathBuf>,
    #[arg(
        long = "config",
        value_name = "FILE",
        help = "livespot.toml to use instead of the top-level --config"
    )]
    config: Option<PathBuf>,
    #[arg(
        long,
        value_name = "QUOTE",
        default_value = "10000",
        help = "starting equity in the quote asset"
    )]
    equity: Decimal,
    #[arg(long, value_name = "MINUTES", default_value_t = DEFAULT_INTERVAL_MINUTES, help = "decision cadence: klines are aggregated to bars of this many minutes")]
    interval_minutes: u32,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(Command::Decisions(args)) = cli.command else {
        return match cli.common.load_config("livespot-replay") {
            Ok(_config) => ExitStatus::Success.into(),
            Err(status) => status.into(),
        };
    };
    let common = CommonArgs {
        config: args.config.unwrap_or(cli.common.config),
        var_dir: cli.common.var_dir,
    };
    let config = match common.load_config("livespot-replay") {
        Ok(config) => config,
        Err(status) => return status.into(),
    };
    let request = DecisionsRequest {
        klines: args.klines,
        equity: args.equity,
        interval_minutes: args.interval_minutes,
    };
    match run_decisions_to_stdout(&request, &config) {
        Ok(_summary) => ExitStatus::Success.into(),
        Err(error) => {
            eprintln!("livespot-replay: {}: {error}", error.reason_code());
            ExitStatus::Failure.into()
        }
    }
}
