use livespot_config::{Config, EntryModePolicy, StrategyConfig, TrailingPolicy as ConfigTrailing};
use livespot_pipeline::selection::{
    DeepScanParams, SelectionParams, UniverseParams, WatchlistParams,
};
use livespot_pipeline::{
    AdaptiveParams, EdgeParams, EntryFallback, EntryMode, EntryParams, ExitParams, MicroParams,
    OvertradeParams, RegimeParams, SignalParams, SizingParams, StrategyParams, TrailingPolicy,
};
use rust_decimal::Decimal;

use crate::defaults;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayParams {
    pub selection: SelectionParams,
    pub strategy: StrategyParams,
}

fn millis(secs: u64) -> i64 {
    i64::try_from(secs.saturating_mul(1000)).unwrap_or(i64::MAX)
}

fn count(value: u32) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

pub fn selection_from_config(config: &Config) -> SelectionParams {
    let universe = &config.universe;
    SelectionParams {
        universe: UniverseParams {
            quote_asset: config.general.quote_asset.clone(),
            min_quote_volume_24h: universe.min_quote_volume_24h,
            min_price: universe.min_price,
            max_spread_bps: universe.max_spread_bps,
            stablecoin_bases: universe.excluded_bases.clone(),
            leveraged_suffixes: universe.leveraged_suffixes.clone(),
        },
        deep_scan_top_n: count(universe.deep_scan_top_n),
        watchlist: WatchlistParams {
            size: count(universe.watchlist_top_k),
            max_correlation: universe.max_pairwise_correlation,
            churn_margin_x10000: universe.churn_margin_score,
        },
        rescan_interval_ms: millis(universe.rescan_interval_secs),
        correlation_returns: defaults::CORRELATION_RETURNS,
    }
}

fn trailing(policy: ConfigTrailing) -> TrailingPolicy {
    match policy {
        ConfigTrailing::Auto => TrailingPolicy::Auto,
        ConfigTrailing::Off => TrailingPolicy::Off,
        ConfigTrailing::Virtual => TrailingPolicy::Virtual,
        ConfigTrailing::Native => TrailingPolicy::Native,
    }
}

pub fn strategy_from_config(config: &Config) -> StrategyParams {
    let strategy = &config.strategy;
    let period = count(strategy.atr_period);
    StrategyParams {
        deep: DeepScanParams {
            atr_period: period,
            adx_period: period,
            er_period: period,
            volatility_period: defaults::VOLATILITY_PERIOD,
            adx_full_score: defaults::ADX_FULL_SCORE,
        },
        regime: RegimeParams {
            trend_score_min_x10000: strategy.regime_trend_score_min,
            range_score_max_x10000: strategy.regime_range_score_max,
            adx_full_score: defaults::ADX_FULL_SCORE,
            min_volatility_bps: strategy.regime_min_volatility_bps,
            max_volatility_bps: strategy.regime_max_volatility_bps,
        },
        signal: SignalParams {
            lookback: defaults::SIGNAL_LOOKBACK,
            range_entry_fraction: defaults::RANGE_ENTRY_FRACTION,
        },
        micro: MicroParams {
            max_spread_bps: config.universe.max_spread_bps,
            max_spread_delta_bps: defaults::MAX_SPREAD_DELTA_BPS,
            proxy_range_fraction: defaults::PROXY_RANGE_FRACTION,
        },
        entry: entry_params(strategy),
        exit: exit_params(trailing(strategy.trailing_policy)),
        edge: EdgeParams {
            maker_fee_bps: strategy.maker_fee_bps,
            taker_fee_bps: strategy.taker_fee_bps,
            expected_slippage_bps: strategy.expected_slippage_bps,
            hit_rate_trend_x10000: strategy.hit_rate_trend_score,
            hit_rate_range_x10000: strategy.hit_rate_range_score,
        },
        adaptive: adaptive_params(strategy.min_edge_bps),
        overtrade: overtrade_params(strategy),
        sizing: SizingParams {
            risk_per_trade_bps: config.risk.risk_per_trade_bps,
            max_symbol_exposure_bps: config.risk.max_symbol_exposure_bps,
            max_total_exposure_bps: config.risk.max_total_exposure_bps,
        },
        decision_ttl_ms: defaults::DECISION_TTL_MS,
    }
}

const fn entry_mode(policy: EntryModePolicy) -> EntryMode {
    match policy {
        EntryModePolicy::Auto => EntryMode::Auto,
        EntryModePolicy::MakerFirst => EntryMode::MakerFirst,
        EntryModePolicy::Ioc => EntryMode::Ioc,
        EntryModePolicy::Market => EntryMode::Market,
    }
}

fn entry_params(strategy: &StrategyConfig) -> EntryParams {
    EntryParams {
        mode: entry_mode(strategy.entry_mode),
        trend_maker_ttl_ms: i64::try_from(strategy.entry_ttl_ms_min).unwrap_or(i64::MAX),
        range_maker_ttl_ms: i64::try_from(strategy.entry_ttl_ms_max).unwrap_or(i64::MAX),
        trend_fallback: EntryFallback::Ioc,
        range_fallback: EntryFallback::None,
        max_taker_premium_bps: defaults::MAX_TAKER_PREMIUM_BPS,
        max_limit_distance_bps: strategy.max_entry_distance_bps,
    }
}

fn overtrade_params(strategy: &StrategyConfig) -> OvertradeParams {
    OvertradeParams {
        window_ms: millis(strategy.trade_window_secs),
        max_entries_per_symbol_window: count(strategy.max_trades_per_symbol_per_window),
        cooldown_after_exit_ms: millis(strategy.cooldown_secs),
        max_loss_streak: strategy.max_loss_streak,
        loss_streak_pause_ms: millis(strategy.loss_streak_pause_secs),
        max_entries_per_day: count(strategy.max_trades_per_day),
    }
}

fn exit_params(trailing: TrailingPolicy) -> ExitParams {
    ExitParams {
        take_profit_atr_trend: defaults::TAKE_PROFIT_ATR_TREND,
        stop_loss_atr_trend: defaults::STOP_LOSS_ATR_TREND,
        take_profit_atr_range: defaults::TAKE_PROFIT_ATR_RANGE,
        stop_loss_atr_range: defaults::STOP_LOSS_ATR_RANGE,
        trailing_activation_atr: defaults::TRAILING_ACTIVATION_ATR,
        trailing_distance_atr: defaults::TRAILING_DISTANCE_ATR,
        trailing,
        native_trailing_supported: true,
        min_distance_atr: defaults::MIN_EXIT_DISTANCE_ATR,
        max_distance_atr: defaults::MAX_EXIT_DISTANCE_ATR,
    }
}

fn adaptive_params(base_min_edge_bps: Decimal) -> AdaptiveParams {
    AdaptiveParams {
        base_min_edge_bps,
        per_loss_bps: defaults::MIN_EDGE_PER_LOSS_BPS,
        max_loss_steps: defaults::MIN_EDGE_MAX_LOSS_STEPS,
        high_volatility_bps: defaults::HIGH_VOLATILITY_BPS,
        high_volatility_add_bps: defaults::HIGH_VOLATILITY_ADD_BPS,
    }
}

pub fn from_config(config: &Config) -> ReplayParams {
    ReplayParams {
        selection: selection_from_config(config),
        strategy: strategy_from_config(config),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_config_keys_reach_the_pipeline_parameters() {
        let config = Config::shipped().unwrap();
        let params = from_config(&config);
        let strategy = &config.strategy;
        assert_eq!(
            params.strategy.regime.trend_score_min_x10000,
            strategy.regime_trend_score_min
        );
        assert_eq!(
            params.strategy.regime.max_volatility_bps,
            strategy.regime_max_volatility_bps
        );
        assert_eq!(
            params.strategy.edge.hit_rate_range_x10000,
            strategy.hit_rate_range_score
        );
        assert_eq!(
            params.strategy.adaptive.base_min_edge_bps,
            strategy.min_edge_bps
        );
        assert_eq!(
            params.strategy.entry.range_maker_ttl_ms,
            i64::try_from(strategy.entry_ttl_ms_max).unwrap()
        );
        assert_eq!(
            params.strategy.overtrade.cooldown_after_exit_ms,
            i64::try_from(strategy.cooldown_secs * 1000).unwrap()
        );
        assert_eq!(
            params.strategy.sizing.risk_per_trade_bps,
            config.risk.risk_per_trade_bps
        );
        assert_eq!(
            params.selection.watchlist.size,
            usize::try_from(config.universe.watchlist_top_k).unwrap()
        );
        assert_eq!(
            params.selection.universe.quote_asset,
            config.general.quote_asset
        );
        assert_eq!(
            params.selection.rescan_interval_ms,
            i64::try_from(config.universe.rescan_interval_secs * 1000).unwrap()
        );
        assert_eq!(params.strategy.entry.mode, EntryMode::Auto);
    }

    #[test]
    fn the_entry_mode_is_taken_from_the_config() {
        let mut config = Config::shipped().unwrap();
        config.strategy.entry_mode = EntryModePolicy::MakerFirst;
        assert_eq!(
            from_config(&config).strategy.entry.mode,
            EntryMode::MakerFirst
        );
        config.strategy.entry_mode = EntryModePolicy::Market;
        assert_eq!(from_config(&config).strategy.entry.mode, EntryMode::Market);
    }
}
