use livespot_binance::rest::enums::{OrderType, TimeInForce};
use livespot_domain::{EntryPlan, Fallback, OrderStatus};
use rust_decimal::Decimal;

const BPS_PER_UNIT: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MakerWait {
    KeepWaiting,
    Done,
    TtlExpired,
}

pub fn maker_wait_step(
    now_ms: i64,
    placed_at_ms: i64,
    ttl_ms: u64,
    status: OrderStatus,
) -> MakerWait {
    if status.is_terminal() {
        return MakerWait::Done;
    }
    let ttl = i64::try_from(ttl_ms).unwrap_or(i64::MAX);
    if now_ms.saturating_sub(placed_at_ms) >= ttl {
        MakerWait::TtlExpired
    } else {
        MakerWait::KeepWaiting
    }
}

pub fn maker_buy_price(
    limit: Decimal,
    best_bid: Decimal,
    best_ask: Decimal,
    tick: Decimal,
) -> Option<Decimal> {
    let below_ask = if tick.is_zero() {
        best_bid
    } else {
        best_ask - tick
    };
    let touch = best_bid.min(below_ask).min(limit);
    (touch > Decimal::ZERO).then_some(touch)
}

pub fn buy_slippage_cap(reference: Decimal, max_slippage_bps: Decimal) -> Decimal {
    reference + reference * max_slippage_bps / Decimal::from(BPS_PER_UNIT)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallbackOrder {
    pub order_type: OrderType,
    pub time_in_force: Option<TimeInForce>,
    pub price: Option<Decimal>,
    pub quantity: Decimal,
}

pub fn fallback_order(
    plan: &EntryPlan,
    remaining: Decimal,
    policy_slippage_bps: Decimal,
) -> Option<FallbackOrder> {
    if remaining <= Decimal::ZERO {
        return None;
    }
    match plan.fallback {
        Fallback::None => None,
        Fallback::Ioc => {
            let slippage = plan.max_slippage_bps.value().min(policy_slippage_bps);
            Some(FallbackOrder {
                order_type: OrderType::Limit,
                time_in_force: Some(TimeInForce::Ioc),
                price: Some(buy_slippage_cap(plan.limit_price.value(), slippage)),
                quantity: remaining,
            })
        }
        Fallback::Market => Some(FallbackOrder {
            order_type: OrderType::Market,
            time_in_force: None,
            price: None,
            quantity: remaining,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use livespot_domain::{Bps, EntryKind, Price};
    use rust_decimal_macros::dec;

    fn plan(fallback: Fallback) -> EntryPlan {
        EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 1_000 },
            limit_price: Price::new(dec!(100)).unwrap(),
            fallback,
            max_slippage_bps: Bps::new(dec!(20)).unwrap(),
        }
    }

    #[test]
    fn ttl_expires_exactly_at_placed_plus_ttl() {
        assert_eq!(
            maker_wait_step(1_999, 1_000, 1_000, OrderStatus::New),
            MakerWait::KeepWaiting
        );
        assert_eq!(
            maker_wait_step(2_000, 1_000, 1_000, OrderStatus::New),
            MakerWait::TtlExpired
        );
        assert_eq!(
            maker_wait_step(2_000, 1_000, 1_000, OrderStatus::PartiallyFilled),
            MakerWait::TtlExpired
        );
        assert_eq!(
            maker_wait_step(1_001, 1_000, 1_000, OrderStatus::Filled),
            MakerWait::Done
        );
    }

    #[test]
    fn maker_price_never_crosses_the_ask_nor_the_limit() {
        assert_eq!(
            maker_buy_price(dec!(100), dec!(99.5), dec!(99.6), dec!(0.1)),
            Some(dec!(99.5))
        );
        assert_eq!(
            maker_buy_price(dec!(99), dec!(99.5), dec!(99.6), dec!(0.1)),
            Some(dec!(99))
        );
        assert_eq!(
            maker_buy_price(dec!(100), dec!(99.6), dec!(99.6), dec!(0.1)),
            Some(dec!(99.5))
        );
    }

    #[test]
    fn fallback_follows_the_plan_with_the_tighter_slippage() {
        assert_eq!(
            fallback_order(&plan(Fallback::None), dec!(1), dec!(30)),
            None
        );
        let ioc = fallback_order(&plan(Fallback::Ioc), dec!(1), dec!(30)).unwrap();
        assert_eq!(ioc.order_type, OrderType::Limit);
        assert_eq!(ioc.price, Some(dec!(100.2)));
        let tighter = fallback_order(&plan(Fallback::Ioc), dec!(1), dec!(10)).unwrap();
        assert_eq!(tighter.price, Some(dec!(100.1)));
        let market = fallback_order(&plan(Fallback::Market), dec!(0.5), dec!(30)).unwrap();
        assert_eq!(
            (market.order_type, market.quantity),
            (OrderType::Market, dec!(0.5))
        );
        assert_eq!(
            fallback_order(&plan(Fallback::Market), dec!(0), dec!(30)),
            None
        );
    }
}
