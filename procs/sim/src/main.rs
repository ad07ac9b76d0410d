use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use livespot_runtime::ExitStatus;
use livespot_venue::{MarketSource, SimOptions, StdinUse, parse_market, parse_speed};
use rust_decimal::Decimal;

#[derive(Debug, Parser)]
#[command(
    name = "livespot-sim",
    version,
    about = "Binance-compatible venue simulator on 127.0.0.1"
)]
struct Cli {
    #[arg(
        long,
        value_name = "FILE",
        help = "livespot.toml to validate before starting (exit 3 when it is wrong)"
    )]
    config: Option<PathBuf>,
    #[arg(long, default_value = "synthetic", value_parser = parse_market, help = "synthetic or replay:<dir of 1m kline CSVs>")]
    market: MarketSource,
    #[arg(long, default_value_t = 1, help = "seed of the synthetic market")]
    seed: u64,
    #[arg(long, default_value = "1", value_parser = parse_speed, help = "market speed factor")]
    speed: Decimal,
    #[arg(
        long,
        value_name = "FILE",
        help = "exchangeInfo JSON with the symbols and filters"
    )]
    exchange_info: Option<PathBuf>,
    #[arg(
        long,
        default_value_t = 0,
        help = "REST and WebSocket port on 127.0.0.1 (0 = any)"
    )]
    port: u16,
    #[arg(long, default_value_t = 0, help = "admin port on 127.0.0.1 (0 = any)")]
    admin_port: u16,
    #[arg(long, help = "read one account JSON line from stdin at start")]
    accounts_stdin: bool,
    #[arg(
        long,
        help = "shut down when stdin closes (the launcher holds it open; a killed launcher leaves no orphan simulator)"
    )]
    exit_on_stdin_eof: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    if let Some(path) = &cli.config
        && let Err(error) = livespot_config::Config::load(path)
    {
        eprintln!("livespot-sim: refusing to start: {error}");
        return ExitStatus::BadConfig.into();
    }
    let options = SimOptions {
        market: cli.market,
        seed: cli.seed,
        speed: cli.speed,
        exchange_info: cli.exchange_info,
        port: cli.port,
        admin_port: cli.admin_port,
        ..SimOptions::default()
    };
    match livespot_venue::run(
        options,
        StdinUse {
            read_account: cli.accounts_stdin,
            exit_on_eof: cli.exit_on_stdin_eof,
        },
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("livespot-sim: {error}");
            ExitCode::from(1)
        }
    }
}
