use livespot_domain::{Price, Quantity, ReasonCode, Symbol};
use rust_decimal::Decimal;

use super::inputs::{AccountView, SymbolMinimum};
use super::limits::{RiskLimits, share_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntryAsk<'a> {
    pub symbol: &'a Symbol,
    pub quantity: Quantity,
    pub price: Price,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sizing {
    Full,
    Reduced(Quantity),
}

pub fn order_cost(quantity: Quantity, price: Price, limits: &RiskLimits) -> Decimal {
    quantity.value() * price.value() * limits.reserve_factor()
}

pub fn check(
    ask: &EntryAsk<'_>,
    account: &AccountView,
    minimum: Option<&SymbolMinimum>,
    limits: &RiskLimits,
) -> Result<Sizing, Vec<ReasonCode>> {
    let equity = account.equity_now.value();
    let symbol_room =
        share_of(equity, limits.max_symbol_exposure_bps) - account.symbol_exposure(ask.symbol);
    let total_room = share_of(equity, limits.max_total_exposure_bps) - account.total_exposure();
    let cost = order_cost(ask.quantity, ask.price, limits);
    let order_room = limits.max_order_notional * limits.reserve_factor();
    let mut exceeded = Vec::new();
    if cost > symbol_room {
        exceeded.push(ReasonCode::RiskExposureSymbol);
    }
    if cost > total_room {
        exceeded.push(ReasonCode::RiskExposureTotal);
    }
    if cost > order_room {
        exceeded.push(ReasonCode::RiskOrderNotional);
    }
    if exceeded.is_empty() {
        return Ok(Sizing::Full);
    }
    let room = symbol_room.min(total_room).min(order_room);
    minimum
        .and_then(|minimum| reduced_to_fit(ask.price, room, minimum, limits))
        .map(Sizing::Reduced)
        .ok_or(exceeded)
}

fn reduced_to_fit(
    price: Price,
    room: Decimal,
    minimum: &SymbolMinimum,
    limits: &RiskLimits,
) -> Option<Quantity> {
    let unit_cost = price.value() * limits.reserve_factor();
    if room <= Decimal::ZERO || unit_cost <= Decimal::ZERO {
        return None;
    }
    let step = minimum.step_size.value();
    let fitting = room / unit_cost;
    let stepped = if step > Decimal::ZERO {
        (fitting / step).floor() * step
    } else {
        fitting
    };
    let above_minimum = stepped >= minimum.min_quantity.value()
        && stepped * price.value() >= minimum.min_notional.value();
    if stepped > Decimal::ZERO && above_minimum {
        Quantity::new(stepped.normalize()).ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::fixtures::{account, b, btc, limits, n, p, q, symbol_market};
    use crate::rules::inputs::{OpenOrder, Position};

    fn ask<'a>(symbol: &'a Symbol, quantity: &str) -> EntryAsk<'a> {
        EntryAsk {
            symbol,
            quantity: q(quantity),
            price: p("100"),
        }
    }

    fn eth_position(notional: &str) -> Position {
        Position {
            symbol: Symbol::new("ETHUSDT").unwrap(),
            base_asset: "ETH".to_owned(),
            entry_price: p("1000"),
            quantity: q("3"),
            notional: n(notional),
        }
    }

    fn strict(quantity: &str, account: &AccountView) -> Result<Sizing, Vec<ReasonCode>> {
        check(&ask(&btc(), quantity), account, None, &limits())
    }

    #[test]
    fn symbol_exposure_exactly_at_its_cap_is_allowed() {
        let account = account();
        assert_eq!(strict("19.99", &account), Ok(Sizing::Full));
        assert_eq!(strict("20", &account), Ok(Sizing::Full));
        assert_eq!(
            strict("20.01", &account),
            Err(vec![ReasonCode::RiskExposureSymbol])
        );
    }

    #[test]
    fn total_exposure_exactly_at_its_cap_is_allowed() {
        let mut account = account();
        account.positions.push(eth_position("3000"));
        let wide = RiskLimits {
            max_symbol_exposure_bps: b("5000"),
            ..limits()
        };
        let run = |quantity| check(&ask(&btc(), quantity), &account, None, &wide);
        assert_eq!(run("19.99"), Ok(Sizing::Full));
        assert_eq!(run("20"), Ok(Sizing::Full));
        assert_eq!(run("20.01"), Err(vec![ReasonCode::RiskExposureTotal]));
    }

    #[test]
    fn both_caps_exceeded_are_both_reported() {
        let mut account = account();
        account.positions.push(eth_position("3000"));
        assert_eq!(
            strict("60", &account),
            Err(vec![
                ReasonCode::RiskExposureSymbol,
                ReasonCode::RiskExposureTotal
            ])
        );
    }

    #[test]
    fn open_orders_count_toward_exposure() {
        let mut account = account();
        account.open_orders.push(OpenOrder {
            symbol: btc(),
            reserved_notional: n("1000"),
        });
        assert_eq!(strict("10", &account), Ok(Sizing::Full));
        assert_eq!(
            strict("10.01", &account),
            Err(vec![ReasonCode::RiskExposureSymbol])
        );
    }

    #[test]
    fn an_oversized_order_is_reduced_to_the_room_left() {
        let minimum = symbol_market().minimum;
        let sized = check(&ask(&btc(), "25"), &account(), Some(&minimum), &limits());
        assert_eq!(sized, Ok(Sizing::Reduced(q("20"))));
    }

    #[test]
    fn the_reduction_includes_the_reserve_and_rounds_down_to_the_step() {
        let minimum = symbol_market().minimum;
        let reserved = RiskLimits {
            order_reserve_bps: b("10"),
            ..limits()
        };
        let sized = check(&ask(&btc(), "20"), &account(), Some(&minimum), &reserved);
        assert_eq!(sized, Ok(Sizing::Reduced(q("19.98"))));
        assert_eq!(order_cost(q("20"), p("100"), &reserved), n("2002").value());
    }

    #[test]
    fn a_reduction_below_the_symbol_minimum_blocks() {
        let mut minimum = symbol_market().minimum;
        minimum.min_quantity = q("20.01");
        let sized = check(&ask(&btc(), "25"), &account(), Some(&minimum), &limits());
        assert_eq!(sized, Err(vec![ReasonCode::RiskExposureSymbol]));
        minimum.min_quantity = q("20");
        let sized = check(&ask(&btc(), "25"), &account(), Some(&minimum), &limits());
        assert_eq!(sized, Ok(Sizing::Reduced(q("20"))));
    }

    #[test]
    fn the_per_order_notional_cap_is_inclusive_and_reduces_beyond_it() {
        let capped = RiskLimits {
            max_order_notional: n("500").value(),
            order_reserve_bps: b("10"),
            ..limits()
        };
        let minimum = symbol_market().minimum;
        let run = |quantity| check(&ask(&btc(), quantity), &account(), Some(&minimum), &capped);
        assert_eq!(run("5"), Ok(Sizing::Full));
        assert_eq!(run("5.01"), Ok(Sizing::Reduced(q("5"))));
        let strict = check(&ask(&btc(), "5.01"), &account(), None, &capped);
        assert_eq!(strict, Err(vec![ReasonCode::RiskOrderNotional]));
    }
}
