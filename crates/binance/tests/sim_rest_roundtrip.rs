#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod sim_support;

use livespot_binance::rest::enums::{OrderSide, OrderType, TimeInForce, WireOrderStatus};
use livespot_binance::rest::requests::{CancelReplaceMode, NewOrder, OcoLeg, OcoOrder, OrderRef};
use rust_decimal::Decimal;
use sim_support::{SYMBOL, start};

#[tokio::test]
async fn public_endpoints_round_trip_against_the_simulator() {
    let sim = start().await;
    let client = &sim.client;
    client.ping().await.expect("ping");
    assert!(client.server_time().await.expect("time").server_time > 0);
    let info = client.exchange_info(&[]).await.expect("exchangeInfo");
    assert!(info.symbol(SYMBOL).is_some());
    assert!(!client.rate_limiter().snapshot().weight.is_empty());
    let ticker = client.ticker_24h(SYMBOL).await.expect("24hr");
    assert_eq!(ticker.symbol, SYMBOL);
    let book = client.book_ticker(SYMBOL).await.expect("bookTicker");
    assert!(book.bid_price < book.ask_price);
    assert!(client.price(SYMBOL).await.expect("price").price > Decimal::ZERO);
    let depth = client.depth(SYMBOL, 100).await.expect("depth");
    assert!(!depth.bids.is_empty() && !depth.asks.is_empty());
    assert!(
        !client
            .klines(SYMBOL, "1m", 10)
            .await
            .expect("klines")
            .is_empty()
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn signed_account_endpoints_round_trip_against_the_simulator() {
    let sim = start().await;
    let client = &sim.client;
    let account = client.account().await.expect("account");
    assert!(account.balance("USDT").is_some());
    let order = sim.resting_buy("rt-test-1").await;
    client.test_order(&order).await.expect("order/test");
    let limits = client.order_rate_limits().await.expect("rateLimit/order");
    assert!(!limits.is_empty());
    let restrictions = client.api_restrictions().await.expect("apiRestrictions");
    assert!(!restrictions.enable_withdrawals);
    sim.shutdown().await;
}

#[tokio::test]
async fn signed_order_endpoints_round_trip_against_the_simulator() {
    let sim = start().await;
    let client = &sim.client;
    let order = sim.resting_buy("rt-limit-1").await;
    let placed = client.place_order(&order).await.expect("place");
    assert_eq!(placed.client_order_id, "rt-limit-1");
    let queried = client
        .query_order(SYMBOL, &OrderRef::ClientOrderId("rt-limit-1".into()))
        .await
        .expect("query");
    assert_eq!(queried.status, Some(WireOrderStatus::New));
    assert_eq!(
        client.open_orders(Some(SYMBOL)).await.expect("open").len(),
        1
    );
    let replacement = sim.resting_buy("rt-limit-2").await;
    let replaced = client
        .cancel_replace(
            &OrderRef::ClientOrderId("rt-limit-1".into()),
            CancelReplaceMode::StopOnFailure,
            &replacement,
        )
        .await
        .expect("cancelReplace");
    assert_eq!(replaced.cancel_result, "SUCCESS");
    let canceled = client
        .cancel_order(SYMBOL, &OrderRef::ClientOrderId("rt-limit-2".into()))
        .await
        .expect("cancel");
    assert_eq!(canceled.status, Some(WireOrderStatus::Canceled));
    assert!(
        client
            .all_orders(SYMBOL, 50)
            .await
            .expect("allOrders")
            .len()
            >= 2
    );
    sim.shutdown().await;
}

#[tokio::test]
async fn market_fill_trades_and_oco_protection_round_trip() {
    let sim = start().await;
    let client = &sim.client;
    let buy = NewOrder::market(SYMBOL, OrderSide::Buy, Decimal::new(1, 3))
        .with_client_order_id("rt-market-1");
    let filled = client.place_order(&buy).await.expect("market buy");
    assert_eq!(filled.status, Some(WireOrderStatus::Filled));
    assert!(
        !client
            .my_trades(SYMBOL, None, 100)
            .await
            .expect("myTrades")
            .is_empty()
    );
    let book = client.book_ticker(SYMBOL).await.expect("book");
    let oco = OcoOrder {
        symbol: SYMBOL.into(),
        side: OrderSide::Sell,
        quantity: Decimal::new(1, 3),
        list_client_order_id: Some("rt-oco-1".into()),
        above: OcoLeg {
            order_type: OrderType::LimitMaker,
            price: Some((book.ask_price * Decimal::new(110, 2)).round_dp(2)),
            stop_price: None,
            trailing_delta: None,
            time_in_force: None,
            client_order_id: None,
        },
        below: OcoLeg {
            order_type: OrderType::StopLossLimit,
            price: Some((book.bid_price * Decimal::new(89, 2)).round_dp(2)),
            stop_price: Some((book.bid_price * Decimal::new(90, 2)).round_dp(2)),
            trailing_delta: None,
            time_in_force: Some(TimeInForce::Gtc),
            client_order_id: None,
        },
    };
    let list = client.place_oco(&oco).await.expect("oco");
    assert_eq!(list.orders.len(), 2);
    let queried = client
        .query_order_list(&OrderRef::OrderId(list.order_list_id))
        .await
        .expect("orderList");
    assert_eq!(queried.list_client_order_id, "rt-oco-1");
    let canceled = client
        .cancel_order_list(SYMBOL, &OrderRef::OrderId(list.order_list_id))
        .await
        .expect("cancel list");
    assert_eq!(canceled.list_order_status, "ALL_DONE");
    sim.shutdown().await;
}
