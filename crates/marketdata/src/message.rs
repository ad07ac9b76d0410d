use livespot_binance::filters::SymbolFilter;
use livespot_binance::rest::market::SymbolInfo;
use livespot_domain::MarketSnapshot;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FiltersView {
    pub base_asset: String,
    pub quote_asset: String,
    pub status: String,
    pub spot_allowed: bool,
    pub tick_size: Decimal,
    pub step_size: Decimal,
    pub min_qty: Decimal,
    pub min_notional: Decimal,
}

impl FiltersView {
    pub fn from_symbol(info: &SymbolInfo) -> Self {
        let mut view = Self {
            base_asset: info.base_asset.clone(),
            quote_asset: info.quote_asset.clone(),
            status: info.status.clone(),
            spot_allowed: info.is_spot_trading_allowed,
            tick_size: Decimal::ZERO,
            step_size: Decimal::ZERO,
            min_qty: Decimal::ZERO,
            min_notional: Decimal::ZERO,
        };
        for filter in &info.filters {
            match filter {
                SymbolFilter::PriceFilter { tick_size, .. } => view.tick_size = *tick_size,
                SymbolFilter::LotSize {
                    min_qty, step_size, ..
                } => {
                    view.min_qty = *min_qty;
                    view.step_size = *step_size;
                }
                SymbolFilter::MinNotional { min_notional, .. }
                | SymbolFilter::Notional { min_notional, .. } => {
                    view.min_notional = view.min_notional.max(*min_notional);
                }
                _ => {}
            }
        }
        view
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMessage {
    pub snapshot: MarketSnapshot,
    pub snapshot_hash: String,
    pub filters: FiltersView,
    pub quote_volume_24h: Decimal,
    pub price_change_percent_24h: Decimal,
    pub latest_closed_open_ms: Option<i64>,
}

impl SnapshotMessage {
    pub fn hash_matches(&self) -> bool {
        self.snapshot
            .snapshot_hash()
            .is_ok_and(|hash| hash == self.snapshot_hash)
    }
}
