#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly on bad fixtures"
)]

mod common;

use livespot_binance::book::DepthUpdate;
use livespot_binance::filters::SymbolFilter;
use livespot_binance::rest::account::{
    Account, ApiErrorBody, CancelReplaceResponse, MyTrade, Order, OrderList, OrderTestCommission,
};
use livespot_binance::rest::market::{
    BookTicker, DepthSnapshot, ExchangeInfo, Kline, RateLimit, ServerTime, Ticker24h,
};
use livespot_binance::streams::events::{MarketEvent, parse_combined, parse_market_event};
use livespot_binance::user_data::events::{UserDataEvent, parse_user_event_text};
use rust_decimal_macros::dec;
use serde::de::DeserializeOwned;

fn load<T: DeserializeOwned>(name: &str) -> Option<T> {
    let text = common::read_sample(name)?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}")))
}

#[test]
fn market_data_samples_deserialize() {
    let Some(time) = load::<ServerTime>("server_time_response.json") else {
        return;
    };
    assert_eq!(time.server_time, 1_499_827_319_559);
    let info: ExchangeInfo = load("exchange_info_response.json").expect("sample");
    assert_eq!(info.rate_limits.len(), 4);
    assert_eq!(info.symbols[0].filters.len(), 2);
    let depth: DepthSnapshot = load("depth_snapshot_response.json").expect("sample");
    assert_eq!(depth.bids[0], (dec!(4.00000000), dec!(431.00000000)));
    let ticker: Ticker24h = load("ticker_24hr_response.json").expect("sample");
    assert_eq!(ticker.last_price, dec!(4.00000200));
    let book: BookTicker = load("book_ticker_response.json").expect("sample");
    assert_eq!(book.ask_qty, dec!(9));
    let books: Vec<BookTicker> = load("book_ticker_response_array.json").expect("sample");
    assert_eq!(books.len(), 2);
    let klines: Vec<Kline> = load("klines_response.json").expect("sample");
    assert_eq!(klines[0].close(), dec!(0.01577100));
    assert_eq!(klines[0].trades(), 308);
    let limits: Vec<RateLimit> = load("rate_limit_order_response.json").expect("sample");
    assert_eq!(limits[0].count, Some(0));
    let enums: Vec<RateLimit> = load("rate_limiters_enum_examples.json").expect("sample");
    assert_eq!(enums.len(), 3);
}

#[test]
fn every_filter_type_deserializes_without_unknowns() {
    let Some(filters) = load::<Vec<SymbolFilter>>("filters_all_types.json") else {
        return;
    };
    assert_eq!(filters.len(), 20);
    assert!(!filters.contains(&SymbolFilter::Unknown));
}

#[test]
fn account_and_order_samples_deserialize() {
    let Some(account) = load::<Account>("account_response.json") else {
        return;
    };
    assert_eq!(
        account.balance("BTC").map(|b| b.free),
        Some(dec!(4723846.89208129))
    );
    for name in [
        "order_response_ack.json",
        "order_response_result.json",
        "query_order_response.json",
        "cancel_order_response.json",
    ] {
        let order: Order = load(name).expect("sample");
        assert!(order.order_id > 0, "{name}");
    }
    let full: Order = load("order_response_full.json").expect("sample");
    assert_eq!(full.fills.len(), 5);
    assert_eq!(full.cummulative_quote_qty, Some(dec!(10)));
    let expired: Order = load("market_order_expired_full_response.json").expect("sample");
    assert_eq!(expired.executed_qty, Some(dec!(4)));
    let open: Vec<Order> = load("open_orders_response.json").expect("sample");
    assert_eq!(open.len(), 1);
    let trades: Vec<MyTrade> = load("my_trades_response.json").expect("sample");
    assert_eq!(trades[0].quote_qty, dec!(48.000012));
    let commission: OrderTestCommission =
        load("order_test_commission_response.json").expect("sample");
    assert_eq!(commission.discount.discount, dec!(0.25));
}

#[test]
fn order_list_and_cancel_replace_samples_deserialize() {
    for name in [
        "order_oco_legacy_response.json",
        "orderlist_oco_response_result.json",
        "orderlist_cancel_response.json",
        "orderlist_query_response.json",
    ] {
        let Some(list) = load::<OrderList>(name) else {
            return;
        };
        assert_eq!(list.orders.len(), 2, "{name}");
    }
    let replaced: CancelReplaceResponse = load("cancel_replace_success.json").expect("sample");
    assert_eq!(replaced.new_order_response.map(|o| o.order_id), Some(10));
    for name in [
        "error_response.json",
        "cancel_order_restrictions_error.json",
        "cancel_replace_order_count_exceeded.json",
        "cancel_replace_new_order_failed.json",
        "cancel_replace_cancel_failed_stop_on_failure.json",
    ] {
        let err: ApiErrorBody = load(name).expect("sample");
        assert!(err.code < 0, "{name}");
    }
}

#[test]
fn stream_samples_parse_into_typed_events() {
    let cases = [
        ("btcusdt@trade", "stream_trade.json"),
        ("btcusdt@aggTrade", "stream_agg_trade.json"),
        ("btcusdt@kline_1m", "stream_kline.json"),
        ("btcusdt@miniTicker", "stream_mini_ticker.json"),
        ("btcusdt@ticker", "stream_ticker_24hr.json"),
        ("btcusdt@bookTicker", "stream_book_ticker.json"),
        ("btcusdt@depth5@100ms", "stream_partial_depth.json"),
        ("btcusdt@depth@100ms", "stream_diff_depth.json"),
    ];
    for (stream, name) in cases {
        let Some(data) = load::<serde_json::Value>(name) else {
            return;
        };
        let event = parse_market_event(stream, data).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !matches!(event, MarketEvent::Other | MarketEvent::ServerShutdown),
            "{name}"
        );
    }
    let diff: DepthUpdate = load("stream_diff_depth.json").expect("sample");
    assert_eq!((diff.first_update_id, diff.final_update_id), (157, 160));
    let shutdown = common::read_sample("stream_server_shutdown_combined.json").expect("sample");
    assert_eq!(
        parse_combined(&shutdown).expect("parse").event,
        MarketEvent::ServerShutdown
    );
}

#[test]
fn user_data_samples_parse_into_typed_events() {
    let Some(text) = common::read_sample("uds_execution_report_wsapi.json") else {
        return;
    };
    let UserDataEvent::ExecutionReport(report) = parse_user_event_text(&text).expect("parse")
    else {
        panic!("expected execution report");
    };
    assert_eq!(report.order_id, 4_293_153);
    assert_eq!(report.commission_asset, None);
    let expect_kind = [
        ("uds_execution_report_legacy_listenkey.json", "exec"),
        ("uds_outbound_account_position_wsapi.json", "position"),
        ("uds_balance_update_wsapi.json", "balance"),
        ("uds_list_status_wsapi.json", "list"),
        ("uds_event_stream_terminated_wsapi.json", "terminated"),
        ("uds_listen_key_expired_legacy.json", "expired"),
    ];
    for (name, kind) in expect_kind {
        let event = parse_user_event_text(&common::read_sample(name).expect("sample")).expect(name);
        let got = match event {
            UserDataEvent::ExecutionReport(_) => "exec",
            UserDataEvent::OutboundAccountPosition(_) => "position",
            UserDataEvent::BalanceUpdate(_) => "balance",
            UserDataEvent::ListStatus(_) => "list",
            UserDataEvent::EventStreamTerminated { .. } => "terminated",
            UserDataEvent::ListenKeyExpired { .. } => "expired",
            UserDataEvent::Other { .. } => "other",
        };
        assert_eq!(got, kind, "{name}");
    }
    let sequence: Vec<serde_json::Value> =
        load("market_order_expired_uds_sequence_legacy.json").expect("sample");
    for value in sequence {
        let event = parse_user_event_text(&value.to_string()).expect("sequence event");
        assert!(!matches!(event, UserDataEvent::Other { .. }));
    }
}

#[test]
fn ws_api_samples_parse_into_subscription_ids_typed_errors_and_orders() {
    use livespot_binance::BinanceError;
    use livespot_binance::user_data::subscribe::{parse_subscribe_response, subscribe_request};
    let Some(ok) = common::read_sample("user_data_stream_subscribe_response.json") else {
        return;
    };
    assert_eq!(parse_subscribe_response(&ok), Ok(0));
    let banned = common::read_sample("ws_api_ip_banned_418.json").expect("sample");
    assert_eq!(
        parse_subscribe_response(&banned),
        Err(BinanceError::Banned {
            until_ms: 1_659_146_400_000
        })
    );
    let rejected = common::read_sample("ws_api_response_error.json").expect("sample");
    assert!(matches!(
        parse_subscribe_response(&rejected),
        Err(BinanceError::Rejected { code: -2010, .. })
    ));
    let success: serde_json::Value = load("ws_api_response_success.json").expect("sample");
    let order: Order = serde_json::from_value(success["result"].clone()).expect("order result");
    assert_eq!(order.order_id, 12_510_053_279);
    let documented: serde_json::Value =
        load("user_data_stream_subscribe_signature_request.json").expect("sample");
    let ours = subscribe_request("id", &common_credentials(), 1_747_385_641_636, 5000);
    assert_eq!(ours["method"], documented["method"]);
    for key in documented["params"].as_object().expect("params").keys() {
        assert!(ours["params"].get(key).is_some(), "missing {key}");
    }
}

fn common_credentials() -> livespot_binance::Credentials {
    livespot_binance::Credentials::new(
        livespot_binance::ApiKey::new("k"),
        livespot_binance::ApiSecret::new("s"),
    )
}
