use std::collections::BTreeMap;

use livespot_domain::Symbol;

use crate::rules::{MarketView, SymbolMarket};
use crate::wire::ProposalMarket;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarketBook {
    latest: BTreeMap<Symbol, ProposalMarket>,
}

impl MarketBook {
    pub fn update(&mut self, market: &ProposalMarket, now_ms: i64) -> bool {
        let newer = self
            .latest
            .get(&market.symbol)
            .is_none_or(|held| market.snapshot_ts_ms >= held.snapshot_ts_ms);
        let from_the_past = market.snapshot_ts_ms <= now_ms;
        let accepted = newer && from_the_past;
        if accepted {
            self.latest.insert(market.symbol.clone(), market.clone());
        }
        accepted
    }

    pub fn view_at(&self, now_ms: i64) -> MarketView {
        let symbols = self
            .latest
            .iter()
            .map(|(symbol, market)| (symbol.clone(), symbol_market(market, now_ms)))
            .collect();
        MarketView { symbols }
    }
}

fn symbol_market(market: &ProposalMarket, now_ms: i64) -> SymbolMarket {
    let age_ms = now_ms.saturating_sub(market.snapshot_ts_ms).max(0);
    SymbolMarket {
        last_update_age_ms: u64::try_from(age_ms).unwrap_or(u64::MAX),
        spread_bps: market.spread_bps,
        realized_volatility_bps: market.realized_volatility_bps,
        minimum: market.minimum,
    }
}

#[cfg(test)]
mod tests {
    use livespot_domain::{Bps, Notional, Quantity};

    use super::*;
    use crate::rules::SymbolMinimum;

    fn market(symbol: &str, snapshot_ts_ms: i64, spread: &str) -> ProposalMarket {
        ProposalMarket {
            symbol: Symbol::new(symbol).unwrap(),
            snapshot_ts_ms,
            spread_bps: Bps::parse(spread).unwrap(),
            realized_volatility_bps: Bps::parse("40").unwrap(),
            minimum: SymbolMinimum {
                step_size: Quantity::parse("0.001").unwrap(),
                min_quantity: Quantity::parse("0.001").unwrap(),
                min_notional: Notional::parse("5").unwrap(),
            },
        }
    }

    #[test]
    fn the_age_is_measured_from_the_snapshot_at_assessment_time() {
        let mut book = MarketBook::default();
        assert!(book.update(&market("BTCUSDT", 10_000, "2"), 13_500));
        let view = book.view_at(13_500);
        let btc = view.symbol(&Symbol::new("BTCUSDT").unwrap()).unwrap();
        assert_eq!(btc.last_update_age_ms, 3_500);
        assert_eq!(btc.spread_bps, Bps::parse("2").unwrap());
        assert_eq!(view.symbol(&Symbol::new("ETHUSDT").unwrap()), None);
    }

    #[test]
    fn an_older_snapshot_does_not_replace_a_newer_one() {
        let mut book = MarketBook::default();
        assert!(book.update(&market("BTCUSDT", 20_000, "3"), 20_000));
        assert!(!book.update(&market("BTCUSDT", 10_000, "9"), 20_000));
        let view = book.view_at(20_000);
        let btc = view.symbol(&Symbol::new("BTCUSDT").unwrap()).unwrap();
        assert_eq!(btc.spread_bps, Bps::parse("3").unwrap());
        assert_eq!(btc.last_update_age_ms, 0);
    }

    #[test]
    fn a_snapshot_from_the_future_is_not_taken_as_fresh() {
        let mut book = MarketBook::default();
        assert!(!book.update(&market("BTCUSDT", 20_001, "3"), 20_000));
        assert_eq!(book.view_at(20_000).symbols.len(), 0);
    }
}
