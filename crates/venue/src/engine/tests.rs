use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use tokio::sync::broadcast;

use super::types::{OrderStatus, OrderType, Side, Tif};
use super::{Account, Balance, Engine, LegRequest, NewOrder, OcoRequest};
use crate::clock::{ClockMode, VenueClock};
use crate::exchange::{Exchange, Limits};
use crate::market::{self, PublicTrade};
use crate::num::floor_to_step;

pub(super) const KEY: &str = "k";

pub(super) fn engine() -> Engine {
    let exchange = Exchange::load(None, Limits::default()).unwrap();
    let clock = VenueClock::new(ClockMode::Virtual {
        start_ms: 1_700_000_000_000,
        tick_ms: 100,
    });
    let markets = market::synthetic(&exchange, 5, clock.now_ms());
    let (user_tx, _) = broadcast::channel(64);
    let (market_tx, _) = broadcast::channel(64);
    let mut engine = Engine::new(exchange, markets, clock, user_tx, market_tx);
    let balances = [("USDT", dec!(100000)), ("BTC", dec!(5))]
        .into_iter()
        .map(|(asset, free)| {
            (
                asset.to_owned(),
                Balance {
                    free,
                    locked: Decimal::ZERO,
                },
            )
        })
        .collect();
    engine.add_account(Account {
        api_key: KEY.to_owned(),
        secret: "s".to_owned(),
        uid: 0,
        balances,
        permissions: super::Permissions::default(),
        create_time: 0,
        update_time: 0,
    });
    engine
}

fn last(engine: &Engine) -> Decimal {
    engine.markets["BTCUSDT"].last_price
}

pub(super) fn at(ratio: Decimal, engine: &Engine) -> Decimal {
    floor_to_step(last(engine) * ratio, dec!(0.01))
}

pub(super) fn order(side: Side, order_type: OrderType, qty: Decimal) -> NewOrder {
    NewOrder {
        symbol: "BTCUSDT".to_owned(),
        side,
        order_type,
        tif: None,
        quantity: Some(qty),
        quote_order_qty: None,
        price: None,
        stop_price: None,
        trailing_delta: None,
        iceberg_qty: None,
        client_order_id: None,
        resp_type: None,
    }
}

pub(super) fn trade(id: i64, price: Decimal, qty: Decimal, buyer_is_maker: bool) -> PublicTrade {
    PublicTrade {
        id,
        price,
        qty,
        time: 0,
        buyer_is_maker,
    }
}

#[test]
fn stop_loss_sell_fires_when_the_market_trades_through_the_stop() {
    let mut engine = engine();
    let mut stop = order(Side::Sell, OrderType::StopLoss, dec!(0.01));
    stop.stop_price = Some(at(dec!(0.99), &engine));
    let placed = engine.place(KEY, &stop, false).unwrap();
    assert_eq!(engine.orders[&placed.order_id].working_time, -1);
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_001, at(dec!(0.995), &engine), dec!(1), true)],
    );
    assert_eq!(engine.orders[&placed.order_id].status, OrderStatus::New);
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_002, at(dec!(0.985), &engine), dec!(1), true)],
    );
    let fired = &engine.orders[&placed.order_id];
    assert!(fired.triggered);
    assert_eq!(fired.status, OrderStatus::Filled);
    assert!(fired.working_time > 0);
}

#[test]
fn trailing_stop_tracks_the_peak_and_fires_on_the_drop() {
    let mut engine = engine();
    let mut trailing = order(Side::Sell, OrderType::StopLoss, dec!(0.01));
    trailing.trailing_delta = Some(100);
    let id = engine.place(KEY, &trailing, false).unwrap().order_id;
    let base = last(&engine);
    for (n, price) in [base, base * dec!(1.10), base * dec!(1.095)]
        .into_iter()
        .enumerate()
    {
        engine.process_resting(
            "BTCUSDT",
            &[trade(
                900_000 + i64::try_from(n).unwrap(),
                price,
                dec!(1),
                true,
            )],
        );
        assert!(!engine.orders[&id].triggered, "step {n}");
    }
    assert_eq!(engine.orders[&id].trail_ref, Some(base * dec!(1.10)));
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_010, base * dec!(1.088), dec!(1), true)],
    );
    assert!(engine.orders[&id].triggered);
    assert!(engine.orders[&id].trailing_time > 0);
}

fn oco_request(engine: &Engine) -> OcoRequest {
    OcoRequest {
        symbol: "BTCUSDT".to_owned(),
        side: Side::Sell,
        quantity: dec!(0.01),
        list_client_order_id: None,
        above: LegRequest {
            order_type: OrderType::LimitMaker,
            price: Some(at(dec!(1.01), engine)),
            stop_price: None,
            trailing_delta: None,
            tif: None,
            client_order_id: None,
            iceberg_qty: None,
        },
        below: LegRequest {
            order_type: OrderType::StopLoss,
            price: None,
            stop_price: Some(at(dec!(0.99), engine)),
            trailing_delta: None,
            tif: None,
            client_order_id: None,
            iceberg_qty: None,
        },
        resp_type: None,
    }
}

#[test]
fn filling_one_oco_leg_expires_the_other() {
    let mut engine = engine();
    let request = oco_request(&engine);
    engine.place_oco(KEY, &request).unwrap();
    let btc_locked = engine.accounts[KEY].balances["BTC"].locked;
    assert_eq!(btc_locked, dec!(0.01));
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_001, at(dec!(1.02), &engine), dec!(1), false)],
    );
    let statuses: Vec<(OrderType, OrderStatus, Option<&str>)> = engine
        .orders
        .values()
        .map(|o| (o.order_type, o.status, o.expiry_reason))
        .collect();
    assert!(
        statuses.contains(&(OrderType::LimitMaker, OrderStatus::Filled, None)),
        "{statuses:?}"
    );
    assert!(
        statuses.contains(&(
            OrderType::StopLoss,
            OrderStatus::Expired,
            Some("OCO_TRIGGER")
        )),
        "{statuses:?}"
    );
    assert!(engine.lists.values().all(|l| l.done));
    assert_eq!(engine.accounts[KEY].balances["BTC"].locked, Decimal::ZERO);
    assert_eq!(engine.accounts[KEY].balances["BTC"].free, dec!(4.99));
}

#[test]
fn resting_limit_fills_by_the_traded_quantity() {
    let mut engine = engine();
    let mut bid = order(Side::Buy, OrderType::Limit, dec!(0.01));
    bid.tif = Some(Tif::Gtc);
    bid.price = Some(at(dec!(0.99), &engine));
    let id = engine.place(KEY, &bid, false).unwrap().order_id;
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_001, at(dec!(0.985), &engine), dec!(0.004), true)],
    );
    let partly = &engine.orders[&id];
    assert_eq!(
        (partly.status, partly.executed_qty),
        (OrderStatus::PartiallyFilled, dec!(0.004))
    );
    assert_eq!(
        engine.accounts[KEY].balances["BTC"].free,
        dec!(5) + dec!(0.004) - dec!(0.000004)
    );
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_002, at(dec!(0.985), &engine), dec!(1), true)],
    );
    assert_eq!(engine.orders[&id].status, OrderStatus::Filled);
    assert_eq!(engine.accounts[KEY].balances["USDT"].locked, Decimal::ZERO);
    assert_eq!(engine.fills.iter().filter(|f| f.is_maker).count(), 2);
}

#[test]
fn take_profit_limit_buy_triggers_below_the_stop_then_works_as_a_limit() {
    let mut engine = engine();
    let mut take_profit = order(Side::Buy, OrderType::TakeProfitLimit, dec!(0.01));
    take_profit.tif = Some(Tif::Gtc);
    take_profit.stop_price = Some(at(dec!(0.98), &engine));
    take_profit.price = Some(at(dec!(0.97), &engine));
    let id = engine.place(KEY, &take_profit, false).unwrap().order_id;
    let locked = engine.accounts[KEY].balances["USDT"].locked;
    assert_eq!(locked, at(dec!(0.97), &engine) * dec!(0.01));
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_001, at(dec!(0.979), &engine), dec!(1), true)],
    );
    let working = &engine.orders[&id];
    assert!(working.triggered);
    assert_eq!(
        working.status,
        OrderStatus::New,
        "the limit sits below the book"
    );
    engine.process_resting(
        "BTCUSDT",
        &[trade(900_002, at(dec!(0.96), &engine), dec!(1), true)],
    );
    assert_eq!(engine.orders[&id].status, OrderStatus::Filled);
    assert_eq!(engine.accounts[KEY].balances["USDT"].locked, Decimal::ZERO);
}

#[test]
fn stop_that_would_trigger_at_placement_is_rejected() {
    let mut engine = engine();
    let mut stop = order(Side::Buy, OrderType::StopLoss, dec!(0.01));
    stop.stop_price = Some(at(dec!(0.99), &engine));
    let error = engine.place(KEY, &stop, false).unwrap_err();
    assert_eq!(
        (error.code, error.msg.as_str()),
        (-2010, "Order would trigger immediately.")
    );
}
