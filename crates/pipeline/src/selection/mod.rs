mod deep_scan;
mod pairwise;
mod params;
mod rank;
mod universe;
mod watchlist;

pub use deep_scan::{DeepFeatures, DeepScanParams, deep_score_x10000, scan_symbol};
pub use pairwise::max_pairwise_correlation;
pub use params::SelectionParams;
pub use rank::{Ranked, rank_positions, rank_universe, spread_quality_x10000};
pub use universe::{
    Exclusion, LEVERAGED_PREFIX_MIN_CHARS, TRADING_STATUS, UniverseCandidate, UniverseParams,
    exclusion_reason, filter_universe, is_leveraged_token,
};
pub use watchlist::{
    ScoredCandidate, WatchAction, WatchlistChange, WatchlistParams, select_watchlist,
};
