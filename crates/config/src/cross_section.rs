use crate::check::cross;
use crate::{Config, ConfigError};

pub fn check(config: &Config) -> Result<(), ConfigError> {
    let quote = config.general.quote_asset.as_str();
    for (index, symbol) in config.executor.allowed_symbols.iter().enumerate() {
        let base_len = symbol.len().saturating_sub(quote.len());
        cross(
            symbol.ends_with(quote) && base_len >= 2,
            &[
                &format!("executor.allowed_symbols[{index}]"),
                "general.quote_asset",
            ],
            &format!("{symbol} must be a {quote} pair (a base asset followed by {quote})"),
        )?;
    }
    cross(
        config.live.max_clock_offset_ms < config.venue.recv_window_ms,
        &["live.max_clock_offset_ms", "venue.recv_window_ms"],
        "live.max_clock_offset_ms must be below venue.recv_window_ms or signed requests would be rejected",
    )?;
    cross(
        config.risk.max_trades_per_day <= config.strategy.max_trades_per_day,
        &["risk.max_trades_per_day", "strategy.max_trades_per_day"],
        "risk.max_trades_per_day must not exceed strategy.max_trades_per_day",
    )?;
    cross(
        config.risk.max_spread_bps <= config.universe.max_spread_bps,
        &["risk.max_spread_bps", "universe.max_spread_bps"],
        "risk.max_spread_bps must not exceed universe.max_spread_bps",
    )?;
    cross(
        config.executor.max_open_orders <= config.executor.max_orders_per_60s,
        &["executor.max_open_orders", "executor.max_orders_per_60s"],
        "executor.max_open_orders must not exceed executor.max_orders_per_60s",
    )
}
