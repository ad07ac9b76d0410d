use std::collections::VecDeque;

use rust_decimal::Decimal;

use super::kline::{Kline, MINUTE_MS};
use super::ladder::{self, LadderSpec};
use super::replay::ReplayPath;
use super::rng::SplitMix;
use super::synthetic::SyntheticPath;
use crate::book::{DepthDiff, OrderBook};
use crate::num::floor_to_step;

const HISTORY_CAP: usize = 1_500;
const RECENT_TRADES_CAP: usize = 1_000;
const TRADE_SHARE_PERCENT_MAX: u64 = 197;
const TRADES_PER_TICK_BOUND: u64 = 3;

#[derive(Debug, Clone)]
pub enum PriceSource {
    Synthetic(SyntheticPath),
    Replay(ReplayPath),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicTrade {
    pub id: i64,
    pub price: Decimal,
    pub qty: Decimal,
    pub time: i64,
    pub buyer_is_maker: bool,
}

#[derive(Debug, Clone)]
pub struct SymbolMarket {
    pub symbol: String,
    pub spec: LadderSpec,
    pub source: PriceSource,
    pub rng: SplitMix,
    pub book: OrderBook,
    pub last_price: Decimal,
    pub next_trade_id: i64,
    pub history: Vec<Kline>,
    pub current: Kline,
    pub recent_trades: VecDeque<PublicTrade>,
    pub quote_per_minute: Decimal,
    pub last_step_ms: i64,
}

#[derive(Debug, Clone, Default)]
pub struct TickResult {
    pub trades: Vec<PublicTrade>,
    pub diff: Option<DepthDiff>,
}

impl SymbolMarket {
    pub fn new(
        symbol: &str,
        spec: LadderSpec,
        source: PriceSource,
        history: Vec<Kline>,
        now: i64,
        quote_per_minute: Decimal,
    ) -> Self {
        let start = history.last().map_or(Decimal::ONE, |k| k.close);
        let minute = now - now.rem_euclid(MINUTE_MS);
        let mut market = Self {
            symbol: symbol.to_owned(),
            rng: SplitMix::for_symbol(spec.seed, symbol),
            spec,
            source,
            book: OrderBook::default(),
            last_price: start,
            next_trade_id: 1,
            history,
            current: Kline::flat(minute, MINUTE_MS, start),
            recent_trades: VecDeque::new(),
            quote_per_minute,
            last_step_ms: now,
        };
        let ladder = ladder::build(&market.spec, start);
        market.book.replace(ladder.bids, ladder.asks);
        market
    }

    pub fn allocate_trade_id(&mut self) -> i64 {
        let id = self.next_trade_id;
        self.next_trade_id += 1;
        id
    }

    fn roll_klines(&mut self, now: i64) {
        while now > self.current.close_time {
            let next_open = self.current.close_time + 1;
            let closed = std::mem::replace(
                &mut self.current,
                Kline::flat(next_open, MINUTE_MS, self.last_price),
            );
            self.history.push(closed);
            if self.history.len() > HISTORY_CAP {
                self.history.remove(0);
            }
        }
    }

    pub fn record_trade(&mut self, trade: PublicTrade) {
        self.roll_klines(trade.time);
        self.current
            .record(trade.id, trade.price, trade.qty, !trade.buyer_is_maker);
        self.last_price = trade.price;
        self.recent_trades.push_back(trade);
        if self.recent_trades.len() > RECENT_TRADES_CAP {
            self.recent_trades.pop_front();
        }
    }

    fn next_mid(&mut self, dt_ms: i64) -> Decimal {
        match &mut self.source {
            PriceSource::Synthetic(path) => path.step(&mut self.rng, dt_ms),
            PriceSource::Replay(path) => path.step(),
        }
    }

    fn activity_x1000(&self) -> i64 {
        match &self.source {
            PriceSource::Synthetic(path) => path.activity_x1000(),
            PriceSource::Replay(_) => 1_000,
        }
    }

    fn tick_notional(&self, dt_ms: i64) -> Decimal {
        self.quote_per_minute * Decimal::from(dt_ms) * Decimal::from(self.activity_x1000())
            / Decimal::from(MINUTE_MS * 1_000)
    }

    fn random_trades(&mut self, now: i64, dt_ms: i64) -> Vec<PublicTrade> {
        let count = self.rng.below(TRADES_PER_TICK_BOUND);
        let notional = self.tick_notional(dt_ms);
        let mut trades = Vec::new();
        for _ in 0..count {
            let taker_buy = self.rng.below(2) == 0;
            let level = if taker_buy {
                self.book.best_ask()
            } else {
                self.book.best_bid()
            };
            let Some((price, _)) = level else { continue };
            let share =
                Decimal::from(1 + self.rng.below(TRADE_SHARE_PERCENT_MAX)) / Decimal::ONE_HUNDRED;
            let qty = floor_to_step(notional * share / price, self.spec.step).max(self.spec.step);
            let trade = PublicTrade {
                id: self.allocate_trade_id(),
                price,
                qty,
                time: now,
                buyer_is_maker: !taker_buy,
            };
            self.record_trade(trade.clone());
            trades.push(trade);
        }
        trades
    }

    pub fn tick(&mut self, now: i64) -> TickResult {
        self.roll_klines(now);
        let dt_ms = (now - self.last_step_ms).clamp(1, MINUTE_MS);
        self.last_step_ms = now;
        let mid = self.next_mid(dt_ms);
        let built = ladder::build(&self.spec, mid);
        let diff = self.book.replace(built.bids, built.asks);
        let trades = self.random_trades(now, dt_ms);
        TickResult { trades, diff }
    }

    pub fn plan_take(
        &self,
        taker_buy: bool,
        limit: Option<Decimal>,
        qty: Option<Decimal>,
        quote: Option<Decimal>,
    ) -> Vec<(Decimal, Decimal)> {
        let levels: Vec<(Decimal, Decimal)> = if taker_buy {
            self.book.top_asks(usize::MAX)
        } else {
            self.book.top_bids(usize::MAX)
        };
        let mut remaining_qty = qty;
        let mut remaining_quote = quote;
        let mut fills = Vec::new();
        for (price, available) in levels {
            let beyond = limit.is_some_and(|l| if taker_buy { price > l } else { price < l });
            if beyond {
                break;
            }
            let mut take = remaining_qty.map_or(available, |r| r.min(available));
            if let Some(budget) = remaining_quote {
                take = take.min(floor_to_step(budget / price, self.spec.step));
            }
            if take <= Decimal::ZERO {
                break;
            }
            fills.push((price, take));
            remaining_qty = remaining_qty.map(|r| r - take);
            remaining_quote = remaining_quote.map(|b| b - take * price);
        }
        fills
    }

    pub fn apply_take(
        &mut self,
        taker_buy: bool,
        fills: &[(Decimal, Decimal)],
    ) -> Option<DepthDiff> {
        let side = if taker_buy {
            &self.book.asks
        } else {
            &self.book.bids
        };
        let changes: Vec<(Decimal, Decimal)> = fills
            .iter()
            .map(|(price, qty)| {
                (
                    *price,
                    (side.get(price).copied().unwrap_or_default() - *qty).max(Decimal::ZERO),
                )
            })
            .collect();
        if taker_buy {
            self.book.apply_levels(Vec::new(), changes)
        } else {
            self.book.apply_levels(changes, Vec::new())
        }
    }

    pub fn klines_1m(&self) -> Vec<Kline> {
        let mut all = self.history.clone();
        all.push(self.current.clone());
        all
    }
}
