use livespot_binance::rest::enums::{OrderSide, OrderType, TimeInForce};
use livespot_binance::rest::requests::{OcoLeg, OcoOrder};
use livespot_domain::{ExitPlan, TrailingMode};
use rust_decimal::Decimal;

use crate::SymbolRules;

const BPS_PER_UNIT: i64 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionIds {
    pub list: String,
    pub take_profit: String,
    pub stop_loss: String,
}

pub fn stop_limit_price(stop: Decimal, slippage_bps: Decimal, rules: &SymbolRules) -> Decimal {
    rules.price_down(stop - stop * slippage_bps / Decimal::from(BPS_PER_UNIT))
}

pub fn protection_order(
    rules: &SymbolRules,
    exit: &ExitPlan,
    quantity: Decimal,
    ids: &ProtectionIds,
    slippage_bps: Decimal,
) -> OcoOrder {
    let stop = rules.price_down(exit.stop_loss.value());
    let take_profit = rules.price_up(exit.take_profit.value());
    let above = match (exit.trailing_mode, exit.trailing_delta_bips) {
        (TrailingMode::Native, Some(delta)) => OcoLeg {
            order_type: OrderType::TakeProfit,
            price: None,
            stop_price: Some(take_profit),
            trailing_delta: Some(u64::from(delta)),
            time_in_force: None,
            client_order_id: Some(ids.take_profit.clone()),
        },
        _ => OcoLeg {
            order_type: OrderType::LimitMaker,
            price: Some(take_profit),
            stop_price: None,
            trailing_delta: None,
            time_in_force: None,
            client_order_id: Some(ids.take_profit.clone()),
        },
    };
    OcoOrder {
        symbol: rules.symbol.clone(),
        side: OrderSide::Sell,
        quantity,
        list_client_order_id: Some(ids.list.clone()),
        above,
        below: OcoLeg {
            order_type: OrderType::StopLossLimit,
            price: Some(stop_limit_price(stop, slippage_bps, rules)),
            stop_price: Some(stop),
            trailing_delta: None,
            time_in_force: Some(TimeInForce::Gtc),
            client_order_id: Some(ids.stop_loss.clone()),
        },
    }
}

pub fn net_base_after_fees(
    filled: Decimal,
    base_commission: Decimal,
    rules: &SymbolRules,
) -> Decimal {
    rules.sellable_quantity(filled - base_commission)
}

#[cfg(test)]
mod tests {
    use super::*;
    use livespot_binance::filters::SymbolFilter;
    use livespot_domain::{Bps, Price};
    use rust_decimal_macros::dec;

    fn rules() -> SymbolRules {
        SymbolRules {
            symbol: "BTCUSDT".into(),
            base_asset: "BTC".into(),
            quote_asset: "USDT".into(),
            filters: vec![
                SymbolFilter::PriceFilter {
                    min_price: dec!(0.01),
                    max_price: dec!(1000000),
                    tick_size: dec!(0.01),
                },
                SymbolFilter::LotSize {
                    min_qty: dec!(0.00001),
                    max_qty: dec!(9000),
                    step_size: dec!(0.00001),
                },
            ],
        }
    }

    fn exit(mode: TrailingMode, delta: Option<u32>) -> ExitPlan {
        ExitPlan {
            take_profit: Price::new(dec!(60600.005)).unwrap(),
            stop_loss: Price::new(dec!(59400.009)).unwrap(),
            atr: Price::new(dec!(100)).unwrap(),
            tp_atr_multiple: Bps::new(dec!(6)).unwrap(),
            sl_atr_multiple: Bps::new(dec!(6)).unwrap(),
            trailing_mode: mode,
            trailing_delta_bips: delta,
        }
    }

    fn ids() -> ProtectionIds {
        ProtectionIds {
            list: "l".into(),
            take_profit: "tp".into(),
            stop_loss: "sl".into(),
        }
    }

    #[test]
    fn oco_has_a_maker_take_profit_above_and_a_stop_limit_below() {
        let oco = protection_order(
            &rules(),
            &exit(TrailingMode::Off, None),
            dec!(0.001),
            &ids(),
            dec!(30),
        );
        assert_eq!(oco.above.order_type, OrderType::LimitMaker);
        assert_eq!(oco.above.price, Some(dec!(60600.01)));
        assert_eq!(oco.below.stop_price, Some(dec!(59400)));
        assert_eq!(oco.below.price, Some(dec!(59221.8)));
        assert_eq!(oco.side, OrderSide::Sell);
    }

    #[test]
    fn native_trailing_is_a_trailing_take_profit_above_the_stop_limit() {
        let oco = protection_order(
            &rules(),
            &exit(TrailingMode::Native, Some(150)),
            dec!(0.001),
            &ids(),
            dec!(30),
        );
        assert_eq!(oco.above.order_type, OrderType::TakeProfit);
        assert_eq!(oco.above.stop_price, Some(dec!(60600.01)));
        assert_eq!(oco.above.trailing_delta, Some(150));
        assert_eq!(oco.above.price, None);
        assert_eq!(oco.below.order_type, OrderType::StopLossLimit);
        assert_eq!(oco.below.stop_price, Some(dec!(59400)));
        assert_eq!(oco.below.trailing_delta, None);
    }

    #[test]
    fn base_asset_fee_and_dust_are_taken_off_the_exit_quantity() {
        assert_eq!(
            net_base_after_fees(dec!(0.00100), dec!(0.000001), &rules()),
            dec!(0.00099)
        );
        assert_eq!(
            net_base_after_fees(dec!(0.000005), dec!(0), &rules()),
            dec!(0)
        );
    }
}
