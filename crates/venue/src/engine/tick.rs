use std::sync::Arc;

use super::Engine;
use crate::market::SymbolMarket;
use crate::market_event::{MarketEvent, SymbolSnapshot, TickSnapshot, stats_24h};

const PARTIAL_DEPTH_LEVELS: usize = 20;
const RECENT_MINUTES: usize = 60;
const SECOND_IN_TICKS: u64 = 10;

fn snapshot(market: &SymbolMarket, now: i64) -> SymbolSnapshot {
    let start = market.history.len().saturating_sub(RECENT_MINUTES);
    let mut recent_1m = market.history[start..].to_vec();
    recent_1m.push(market.current.clone());
    SymbolSnapshot {
        symbol: market.symbol.clone(),
        update_id: market.book.update_id,
        bids: market.book.top_bids(PARTIAL_DEPTH_LEVELS),
        asks: market.book.top_asks(PARTIAL_DEPTH_LEVELS),
        recent_1m,
        stats: stats_24h(&market.history, &market.current, now),
    }
}

impl Engine {
    pub fn tick(&mut self, publish: bool) {
        let previous_time =
            crate::market::last_tick_time(&self.markets).unwrap_or_else(|| self.now());
        self.clock.advance();
        let now = self.now();
        let symbols: Vec<String> = self.markets.keys().cloned().collect();
        for symbol in symbols {
            let Some(market) = self.markets.get_mut(&symbol) else {
                continue;
            };
            let result = market.tick(now);
            if publish {
                if let Some(diff) = result.diff {
                    self.publish_market(MarketEvent::Depth {
                        symbol: symbol.clone(),
                        time: now,
                        diff,
                    });
                }
                if !result.trades.is_empty() {
                    let trades = result.trades.clone();
                    self.publish_market(MarketEvent::Trades {
                        symbol: symbol.clone(),
                        time: now,
                        trades,
                    });
                }
            }
            self.process_resting(&symbol, &result.trades);
        }
        if publish && self.clock.ticks.is_multiple_of(SECOND_IN_TICKS) {
            for (symbol, diff) in std::mem::take(&mut self.depth_window) {
                self.publish_market(MarketEvent::DepthSecond {
                    symbol,
                    time: now,
                    diff,
                });
            }
        }
        if publish {
            let symbols = self.markets.values().map(|m| snapshot(m, now)).collect();
            let tick = TickSnapshot {
                tick: self.clock.ticks,
                time: now,
                previous_time,
                symbols,
            };
            self.publish_market(MarketEvent::Tick(Arc::new(tick)));
        }
    }
}
