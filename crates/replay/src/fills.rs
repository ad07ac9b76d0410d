use livespot_pipeline::{
    EntryChoice, EntryFallback, EntryOrder, ExitChoice, Kline, TrailingResolved,
};
use rust_decimal::Decimal;
use serde::Serialize;

pub const BPS: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PendingEntry {
    pub symbol: String,
    pub decided_ms: i64,
    pub entry: EntryChoice,
    pub exit: ExitChoice,
    pub quantity: Decimal,
    pub slippage_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenPosition {
    pub symbol: String,
    pub entry_price: Decimal,
    pub quantity: Decimal,
    pub take_profit: Decimal,
    pub stop: Decimal,
    pub trailing: TrailingResolved,
    pub trailing_activation: Option<Decimal>,
    pub trailing_distance: Option<Decimal>,
    pub entry_was_maker: bool,
    pub filled_ms: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ExitKind {
    TakeProfit,
    Stop,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryOutcome {
    Waiting,
    Filled(OpenPosition),
    Missed,
}

fn with_slippage(price: Decimal, slippage_bps: Decimal) -> Decimal {
    price * (BPS + slippage_bps) / BPS
}

impl PendingEntry {
    fn position(&self, price: Decimal, maker: bool, ts_ms: i64) -> OpenPosition {
        OpenPosition {
            symbol: self.symbol.clone(),
            entry_price: price,
            quantity: self.quantity,
            take_profit: self.exit.take_profit,
            stop: self.exit.stop_loss,
            trailing: self.exit.trailing,
            trailing_activation: self.exit.trailing_activation_price,
            trailing_distance: self.exit.trailing_distance,
            entry_was_maker: maker,
            filled_ms: ts_ms,
        }
    }

    pub fn step(&self, kline: &Kline) -> EntryOutcome {
        let reference = self.entry.limit_price.unwrap_or(self.entry.reference_price);
        match self.entry.order {
            EntryOrder::Market => EntryOutcome::Filled(self.position(
                with_slippage(kline.open, self.slippage_bps),
                false,
                kline.close_time_ms,
            )),
            EntryOrder::Ioc if kline.open <= reference => EntryOutcome::Filled(
                self.position(
                    kline
                        .open
                        .max(reference.min(with_slippage(kline.open, self.slippage_bps))),
                    false,
                    kline.close_time_ms,
                ),
            ),
            EntryOrder::Ioc => EntryOutcome::Missed,
            EntryOrder::MakerFirst => self.step_maker(kline, reference),
        }
    }

    fn step_maker(&self, kline: &Kline, limit: Decimal) -> EntryOutcome {
        let ttl = self.entry.ttl_ms.unwrap_or_default();
        if kline.open_time_ms < self.decided_ms + ttl.max(1) {
            if kline.low < limit {
                return EntryOutcome::Filled(self.position(limit, true, kline.close_time_ms));
            }
            return EntryOutcome::Waiting;
        }
        match self.entry.fallback {
            EntryFallback::None => EntryOutcome::Missed,
            EntryFallback::Ioc | EntryFallback::Market => EntryOutcome::Filled(self.position(
                with_slippage(kline.open, self.slippage_bps),
                false,
                kline.close_time_ms,
            )),
        }
    }
}

impl OpenPosition {
    pub fn step(&mut self, kline: &Kline) -> Option<(ExitKind, Decimal)> {
        if kline.low <= self.stop {
            return Some((ExitKind::Stop, self.stop.min(kline.open)));
        }
        if kline.high >= self.take_profit {
            return Some((ExitKind::TakeProfit, self.take_profit.max(kline.open)));
        }
        if self.trailing != TrailingResolved::Off
            && let (Some(activation), Some(distance)) =
                (self.trailing_activation, self.trailing_distance)
            && kline.high >= activation
        {
            self.stop = self.stop.max(kline.high - distance);
        }
        None
    }

    pub fn pnl(
        &self,
        exit_price: Decimal,
        maker_fee_bps: Decimal,
        taker_fee_bps: Decimal,
    ) -> Decimal {
        let entry_fee = if self.entry_was_maker {
            maker_fee_bps
        } else {
            taker_fee_bps
        };
        let gross = (exit_price - self.entry_price) * self.quantity;
        let fees =
            (self.entry_price * entry_fee + exit_price * taker_fee_bps) * self.quantity / BPS;
        gross - fees
    }
}

#[cfg(test)]
#[path = "fills_tests.rs"]
mod tests;
