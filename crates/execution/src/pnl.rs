use rust_decimal::Decimal;

use crate::ledger::FillRecord;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IntentPnl {
    pub bought: Decimal,
    pub sold: Decimal,
    pub average_entry: Decimal,
    pub realized: Decimal,
}

pub fn intent_pnl(fills: &[FillRecord], quote_asset: &str) -> IntentPnl {
    let bought: Decimal = fills.iter().filter(|f| f.is_buyer).map(|f| f.qty).sum();
    let cost: Decimal = fills
        .iter()
        .filter(|f| f.is_buyer)
        .map(|f| f.qty * f.price)
        .sum();
    let sold: Decimal = fills.iter().filter(|f| !f.is_buyer).map(|f| f.qty).sum();
    let proceeds: Decimal = fills
        .iter()
        .filter(|f| !f.is_buyer)
        .map(|f| f.qty * f.price)
        .sum();
    let quote_fees: Decimal = fills
        .iter()
        .filter(|f| f.commission_asset == quote_asset)
        .map(|f| f.commission)
        .sum();
    let average_entry = if bought.is_zero() {
        Decimal::ZERO
    } else {
        cost / bought
    };
    let realized = if sold.is_zero() {
        Decimal::ZERO
    } else {
        proceeds - average_entry * sold - quote_fees
    };
    IntentPnl {
        bought,
        sold,
        average_entry,
        realized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn fill(
        trade_id: i64,
        is_buyer: bool,
        price: Decimal,
        qty: Decimal,
        fee: Decimal,
        asset: &str,
    ) -> FillRecord {
        FillRecord {
            symbol: "BTCUSDT".into(),
            trade_id,
            exchange_order_id: 1,
            price,
            qty,
            commission: fee,
            commission_asset: asset.into(),
            is_buyer,
            ts_ms: 1,
        }
    }

    #[test]
    fn realized_pnl_uses_the_average_entry_and_quote_fees_only() {
        let fills = [
            fill(1, true, dec!(100), dec!(1), dec!(0.001), "BTC"),
            fill(2, true, dec!(110), dec!(1), dec!(0.001), "BTC"),
            fill(3, false, dec!(120), dec!(1.5), dec!(0.18), "USDT"),
        ];
        let pnl = intent_pnl(&fills, "USDT");
        assert_eq!(pnl.average_entry, dec!(105));
        assert_eq!(pnl.realized, dec!(180) - dec!(157.5) - dec!(0.18));
        assert_eq!((pnl.bought, pnl.sold), (dec!(2), dec!(1.5)));
        assert_eq!(intent_pnl(&fills[..2], "USDT").realized, dec!(0));
    }
}
