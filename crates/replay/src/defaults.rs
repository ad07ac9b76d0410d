use rust_decimal::Decimal;

const fn units(value: u32) -> Decimal {
    Decimal::from_parts(value, 0, 0, false, 0)
}

const fn tenths(value: u32) -> Decimal {
    Decimal::from_parts(value, 0, 0, false, 1)
}

const fn hundredths(value: u32) -> Decimal {
    Decimal::from_parts(value, 0, 0, false, 2)
}

pub const DEFAULT_INTERVAL_MINUTES: u32 = 15;
pub const HISTORY_BARS: usize = 48;
pub const MICRO_MINUTES: usize = 30;
pub const CORRELATION_RETURNS: usize = 96;
pub const VOLATILITY_PERIOD: usize = 32;
pub const ADX_FULL_SCORE: Decimal = units(50);
pub const SIGNAL_LOOKBACK: usize = 8;
pub const RANGE_ENTRY_FRACTION: Decimal = tenths(3);
pub const MAX_SPREAD_DELTA_BPS: Decimal = units(5);
pub const PROXY_RANGE_FRACTION: Decimal = tenths(1);
pub const MAX_TAKER_PREMIUM_BPS: Decimal = units(6);
pub const TAKE_PROFIT_ATR_TREND: Decimal = units(3);
pub const STOP_LOSS_ATR_TREND: Decimal = tenths(15);
pub const TAKE_PROFIT_ATR_RANGE: Decimal = units(2);
pub const STOP_LOSS_ATR_RANGE: Decimal = tenths(15);
pub const TRAILING_ACTIVATION_ATR: Decimal = units(2);
pub const TRAILING_DISTANCE_ATR: Decimal = units(1);
pub const MIN_EXIT_DISTANCE_ATR: Decimal = hundredths(50);
pub const MAX_EXIT_DISTANCE_ATR: Decimal = units(6);
pub const MIN_EDGE_PER_LOSS_BPS: Decimal = units(2);
pub const MIN_EDGE_MAX_LOSS_STEPS: u32 = 5;
pub const HIGH_VOLATILITY_BPS: Decimal = units(80);
pub const HIGH_VOLATILITY_ADD_BPS: Decimal = units(5);
pub const DECISION_TTL_MS: i64 = 60_000;
pub const DEFAULT_EQUITY: Decimal = units(10_000);
