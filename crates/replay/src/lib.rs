mod defaults;
mod engine;
mod engine_select;
mod error;
mod fills;
mod market_universe;
mod output;
mod run;
mod series;
mod settings;

pub use defaults::{DEFAULT_EQUITY, DEFAULT_INTERVAL_MINUTES, HISTORY_BARS, MICRO_MINUTES};
pub use engine::Engine;
pub use error::ReplayError;
pub use fills::{EntryOutcome, ExitKind, OpenPosition, PendingEntry};
pub use livespot_pipeline::selection::SelectionParams;
pub use market_universe::{MINUTES_PER_DAY, REPLAY_QUOTE_ASSET, candidate_at};
pub use output::{FILL_MODEL, SPREAD_SOURCE, Summary};
pub use run::{DecisionsRequest, MAX_INTERVAL_MINUTES, run_decisions, run_decisions_to_stdout};
pub use series::{
    REPLAY_MIN_NOTIONAL, SymbolSeries, build_series, derive_filters, load_series, symbol_from_path,
};
pub use settings::{ReplayParams, from_config, selection_from_config, strategy_from_config};
