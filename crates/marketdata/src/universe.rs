use livespot_pipeline::indicators::to_bps;
use livespot_pipeline::selection::{
    UniverseCandidate, UniverseParams, filter_universe, rank_universe,
};
use rust_decimal::Decimal;

use crate::{MarketStore, SymbolMarket};

pub const PERCENT_TO_BPS: Decimal = Decimal::ONE_HUNDRED;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub candidates: Vec<String>,
    pub watchlist: Vec<String>,
}

fn candidate(symbol: &str, market: &SymbolMarket) -> Option<UniverseCandidate> {
    let filters = market.filters.as_ref()?;
    let ticker = market.ticker.as_ref()?;
    let spread = market.book.as_ref().and_then(|book| {
        let bid = book.bids.first()?.0;
        let ask = book.asks.first()?.0;
        to_bps(ask - bid, (bid + ask) / Decimal::TWO)
    });
    Some(UniverseCandidate {
        symbol: symbol.to_owned(),
        base_asset: filters.base_asset.clone(),
        quote_asset: filters.quote_asset.clone(),
        status: filters.status.clone(),
        spot_allowed: filters.spot_allowed,
        quote_volume_24h: ticker.quote_volume,
        last_price: ticker.last_price,
        abs_change_bps_24h: ticker.price_change_percent.abs() * PERCENT_TO_BPS,
        spread_bps: spread,
    })
}

pub fn select_symbols(
    store: &MarketStore,
    params: &UniverseParams,
    candidates: usize,
    watchlist: usize,
) -> Selection {
    let universe: Vec<UniverseCandidate> = store
        .symbols
        .iter()
        .filter_map(|(symbol, market)| candidate(symbol, market))
        .collect();
    let (kept, _excluded) = filter_universe(&universe, params);
    let ranked = rank_universe(&kept, params.max_spread_bps);
    let chosen: Vec<String> = ranked
        .iter()
        .take(candidates)
        .map(|rank| rank.symbol.clone())
        .collect();
    Selection {
        watchlist: chosen.iter().take(watchlist).cloned().collect(),
        candidates: chosen,
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::{FiltersView, TickerView};

    fn params() -> UniverseParams {
        UniverseParams {
            quote_asset: "USDT".to_owned(),
            min_quote_volume_24h: dec!(1000),
            min_price: dec!(0.0001),
            max_spread_bps: dec!(15),
            stablecoin_bases: vec!["USDC".to_owned()],
            leveraged_suffixes: vec!["UP".to_owned()],
        }
    }

    fn market(base: &str, volume: Decimal) -> SymbolMarket {
        SymbolMarket {
            filters: Some(FiltersView {
                base_asset: base.to_owned(),
                quote_asset: "USDT".to_owned(),
                status: "TRADING".to_owned(),
                spot_allowed: true,
                tick_size: dec!(0.01),
                step_size: dec!(0.001),
                min_qty: dec!(0.001),
                min_notional: dec!(5),
            }),
            ticker: Some(TickerView {
                last_price: dec!(10),
                quote_volume: volume,
                price_change_percent: dec!(1.5),
            }),
            ..SymbolMarket::default()
        }
    }

    #[test]
    fn stablecoins_and_thin_markets_are_left_out_and_the_rest_is_ranked() {
        let mut store = MarketStore::default();
        store
            .symbols
            .insert("BTCUSDT".to_owned(), market("BTC", dec!(900_000)));
        store
            .symbols
            .insert("ETHUSDT".to_owned(), market("ETH", dec!(500_000)));
        store
            .symbols
            .insert("USDCUSDT".to_owned(), market("USDC", dec!(9_000_000)));
        store
            .symbols
            .insert("XRPUSDT".to_owned(), market("XRP", dec!(10)));
        let selection = select_symbols(&store, &params(), 5, 1);
        assert_eq!(selection.candidates.len(), 2);
        assert!(selection.candidates.contains(&"BTCUSDT".to_owned()));
        assert!(selection.candidates.contains(&"ETHUSDT".to_owned()));
        assert_eq!(selection.watchlist.len(), 1);
    }
}
