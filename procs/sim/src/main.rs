use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use livespot_config::{Config, SimConfig};
use livespot_runtime::ExitStatus;
use livespot_venue::{
    MarketProfile, MarketSource, SimOptions, StdinUse, parse_market, parse_profile, parse_speed,
};
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
        help = "livespot.toml to validate before starting (exit 3 when it is wrong); its [sim] section gives the seed, speed and market profile unless the flags below do"
    )]
    config: Option<PathBuf>,
    #[arg(long, default_value = "synthetic", value_parser = parse_market, help = "synthetic or replay:<dir of 1m kline CSVs>")]
    market: MarketSource,
    #[arg(
        long,
        help = "seed of the synthetic market [default: [sim].seed, else 1]"
    )]
    seed: Option<u64>,
    #[arg(long, value_parser = parse_speed, help = "market speed factor [default: [sim].speed, else 1]")]
    speed: Option<Decimal>,
    #[arg(
        long,
        value_parser = clap::value_parser!(u32).range(1..=600),
        help = "market clock scale: server time runs this many times faster than the wall clock [default: [sim].clock_scale, else 1]"
    )]
    clock_scale: Option<u32>,
    #[arg(long, value_parser = parse_profile, help = "synthetic market profile: CALM, TRENDING, VOLATILE or CHOPPY [default: [sim].market_profile, else TRENDING]")]
    profile: Option<MarketProfile>,
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

fn configured_profile(sim: &SimConfig) -> MarketProfile {
    match sim.market_profile {
        livespot_config::MarketProfile::Calm => MarketProfile::Calm,
        livespot_config::MarketProfile::Trending => MarketProfile::Trending,
        livespot_config::MarketProfile::Volatile => MarketProfile::Volatile,
        livespot_config::MarketProfile::Choppy => MarketProfile::Choppy,
    }
}

fn options(cli: Cli, sim: Option<&SimConfig>) -> SimOptions {
    let defaults = SimOptions::default();
    SimOptions {
        seed: cli.seed.or(sim.map(|s| s.seed)).unwrap_or(defaults.seed),
        speed: cli.speed.or(sim.map(|s| s.speed)).unwrap_or(defaults.speed),
        profile: cli
            .profile
            .or(sim.map(configured_profile))
            .unwrap_or(defaults.profile),
        clock_scale: cli
            .clock_scale
            .or(sim.map(|s| s.clock_scale))
            .unwrap_or(defaults.clock_scale),
        market: cli.market,
        exchange_info: cli.exchange_info,
        port: cli.port,
        admin_port: cli.admin_port,
        ..defaults
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let config = match cli.config.as_deref().map(Config::load).transpose() {
        Ok(config) => config,
        Err(error) => {
            eprintln!("livespot-sim: refusing to start: {error}");
            return ExitStatus::BadConfig.into();
        }
    };
    let stdin = StdinUse {
        read_account: cli.accounts_stdin,
        exit_on_eof: cli.exit_on_stdin_eof,
    };
    let options = options(cli, config.as_ref().map(|c| &c.sim));
    match livespot_venue::run(options, stdin).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("livespot-sim: {error}");
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim_section() -> SimConfig {
        Config::from_toml(livespot_config::SHIPPED_CONFIG_TEXT)
            .unwrap()
            .sim
    }

    #[test]
    fn the_config_sim_section_fills_what_the_flags_leave_out() {
        let mut section = sim_section();
        section.market_profile = livespot_config::MarketProfile::Choppy;
        let cli = Cli::parse_from(["livespot-sim", "--seed", "7"]);
        let chosen = options(cli, Some(&section));
        assert_eq!(chosen.seed, 7);
        assert_eq!(chosen.profile, MarketProfile::Choppy);
        assert_eq!(chosen.speed, section.speed);
        assert_eq!(chosen.clock_scale, section.clock_scale);
        let scaled = options(
            Cli::parse_from(["livespot-sim", "--clock-scale", "30"]),
            Some(&section),
        );
        assert_eq!(scaled.clock_scale, 30);
    }

    #[test]
    fn explicit_flags_win_and_no_config_means_the_defaults() {
        let cli = Cli::parse_from(["livespot-sim", "--profile", "VOLATILE", "--speed", "2"]);
        let chosen = options(cli, Some(&sim_section()));
        assert_eq!(chosen.profile, MarketProfile::Volatile);
        assert_eq!(chosen.speed, Decimal::TWO);
        assert_eq!(chosen.seed, sim_section().seed);
        let bare = options(Cli::parse_from(["livespot-sim"]), None);
        assert_eq!((bare.seed, bare.profile), (1, MarketProfile::Trending));
    }
}
