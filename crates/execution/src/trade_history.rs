use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedTrade {
    pub symbol: String,
    pub exit_ts_ms: i64,
    pub realized: Decimal,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TradeHistory {
    pub last_exit_ts_ms: BTreeMap<String, i64>,
    pub loss_streak: u32,
    pub last_loss_ts_ms: Option<i64>,
}

pub fn trade_history(mut closed: Vec<ClosedTrade>) -> TradeHistory {
    closed.sort_by_key(|trade| trade.exit_ts_ms);
    let mut history = TradeHistory::default();
    for trade in &closed {
        let last = history
            .last_exit_ts_ms
            .entry(trade.symbol.clone())
            .or_insert(trade.exit_ts_ms);
        *last = (*last).max(trade.exit_ts_ms);
    }
    for trade in closed.iter().rev() {
        if trade.realized >= Decimal::ZERO {
            break;
        }
        history.loss_streak += 1;
        history.last_loss_ts_ms = history.last_loss_ts_ms.or(Some(trade.exit_ts_ms));
    }
    history
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn trade(symbol: &str, exit_ts_ms: i64, realized: Decimal) -> ClosedTrade {
        ClosedTrade {
            symbol: symbol.to_owned(),
            exit_ts_ms,
            realized,
        }
    }

    #[test]
    fn the_streak_counts_only_the_losses_after_the_last_win() {
        let history = trade_history(vec![
            trade("ETHUSDT", 30, dec!(-1)),
            trade("BTCUSDT", 10, dec!(-2)),
            trade("BTCUSDT", 20, dec!(0.5)),
            trade("BTCUSDT", 40, dec!(-0.1)),
        ]);
        assert_eq!(history.loss_streak, 2);
        assert_eq!(history.last_loss_ts_ms, Some(40));
        assert_eq!(history.last_exit_ts_ms["BTCUSDT"], 40);
        assert_eq!(history.last_exit_ts_ms["ETHUSDT"], 30);
    }

    #[test]
    fn a_last_trade_at_break_even_ends_the_streak() {
        let history = trade_history(vec![
            trade("BTCUSDT", 10, dec!(-2)),
            trade("BTCUSDT", 20, dec!(0)),
        ]);
        assert_eq!((history.loss_streak, history.last_loss_ts_ms), (0, None));
    }

    #[test]
    fn no_trade_means_no_history() {
        assert_eq!(trade_history(Vec::new()), TradeHistory::default());
    }
}
