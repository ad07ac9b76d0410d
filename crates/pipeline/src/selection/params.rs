use crate::selection::{UniverseParams, WatchlistParams};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionParams {
    pub universe: UniverseParams,
    pub deep_scan_top_n: usize,
    pub watchlist: WatchlistParams,
    pub rescan_interval_ms: i64,
    pub correlation_returns: usize,
}
