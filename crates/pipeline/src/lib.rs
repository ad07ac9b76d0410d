mod adaptive;
mod anti_overtrading;
mod decide;
mod decision_build;
mod edge;
mod entry_plan;
mod error;
mod exit_plan;
pub mod indicators;
mod kline;
mod kline_csv;
mod microstructure;
mod params;
mod regime;
pub mod selection;
mod signal;
mod sizing;

pub use adaptive::{AdaptiveParams, adaptive_min_edge_bps};
pub use anti_overtrading::{DAY_MS, LedgerEntry, LedgerExit, OvertradeParams, TradeLedger};
pub use decide::{Account, Assessment, DecideContext, SymbolView, decide};
pub use decision_build::{build_decision, proxy_book};
pub use edge::{EdgeEstimate, EdgeInputs, EdgeParams, estimate_edge};
pub use entry_plan::{
    EntryChoice, EntryCosts, EntryFallback, EntryMode, EntryOrder, EntryParams, choose_order,
    ioc_limit, maker_limit, maker_ttl_ms, plan_entry,
};
pub use error::PipelineError;
pub use exit_plan::{
    ExitChoice, ExitInputs, ExitParams, NATIVE_TRAILING_MAX_BIPS, NATIVE_TRAILING_MIN_BIPS,
    TrailingPolicy, TrailingResolved, check_exit_sanity, plan_exit, round_down_to, round_up_to,
};
pub use kline::{Kline, ONE_MINUTE_MS, aggregate, merge};
pub use kline_csv::{KLINE_CSV_HEADER, parse_klines_csv};
pub use microstructure::{
    BookTop, MicroParams, Microstructure, SpreadHealth, SpreadSource, from_books, from_klines,
    imbalance_x10000, kline_spread_proxy_bps, microvol_bps, spread_bps,
};
pub use params::StrategyParams;
pub use regime::{
    ADX_SHARE_X10000, EFFICIENCY_SHARE_X10000, Regime, RegimeInputs, RegimeParams, classify,
    trend_score_x10000,
};
pub use signal::{SignalParams, entry_signal};
pub use sizing::{Size, SizingInputs, SizingParams, SymbolFilters, size_position};
