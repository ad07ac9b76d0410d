#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly"
)]

mod common;

use livespot_binance::filter_check::{CheckContext, OpenCounts, OrderCheck, check_order};
use livespot_binance::filters::SymbolFilter;
use livespot_binance::rest::enums::{OrderSide, OrderType};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn base_order() -> OrderCheck {
    OrderCheck {
        side: OrderSide::Buy,
        order_type: OrderType::Limit,
        price: Some(dec!(100)),
        stop_price: None,
        quantity: dec!(1),
        iceberg_qty: None,
        trailing_delta: None,
    }
}

fn base_ctx() -> CheckContext {
    CheckContext {
        reference_price: Some(dec!(100)),
        base_asset: "BTC".into(),
        quote_asset: "USDT".into(),
        ..CheckContext::default()
    }
}

fn full_counts(n: u64) -> OpenCounts {
    OpenCounts {
        orders: n,
        algo_orders: n,
        iceberg_orders: n,
        order_lists: n,
    }
}

fn violation_for(filter: &SymbolFilter) -> Option<(OrderCheck, CheckContext)> {
    let (mut order, mut ctx) = (base_order(), base_ctx());
    match filter {
        SymbolFilter::PriceFilter { .. } => order.price = Some(dec!(100.0000005)),
        SymbolFilter::PercentPrice { .. } => order.price = Some(dec!(135)),
        SymbolFilter::PercentPriceBySide { .. } => order.price = Some(dec!(125)),
        SymbolFilter::LotSize { .. } => order.quantity = dec!(1.0005),
        SymbolFilter::MarketLotSize { .. } => {
            order.order_type = OrderType::Market;
            order.price = None;
            order.quantity = dec!(100001);
        }
        SymbolFilter::MinNotional { .. } => {
            (order.price, order.quantity) = (Some(dec!(0.5)), dec!(0.001));
        }
        SymbolFilter::Notional { .. } => order.quantity = dec!(0.05),
        SymbolFilter::IcebergParts { .. } => order.iceberg_qty = Some(dec!(0.05)),
        SymbolFilter::MaxNumOrders { .. } => ctx.symbol_open = full_counts(25),
        SymbolFilter::MaxNumAlgoOrders { .. } => {
            (order.order_type, order.stop_price) = (OrderType::StopLossLimit, Some(dec!(90)));
            ctx.symbol_open = full_counts(5);
        }
        SymbolFilter::MaxNumIcebergOrders { .. } => {
            order.iceberg_qty = Some(dec!(0.5));
            ctx.symbol_open = full_counts(5);
        }
        SymbolFilter::MaxPosition { .. } => ctx.position_base = dec!(9.5),
        SymbolFilter::TrailingDelta { .. } => {
            (order.order_type, order.side, order.trailing_delta) =
                (OrderType::StopLoss, OrderSide::Sell, Some(5));
        }
        SymbolFilter::MaxNumOrderLists { .. } | SymbolFilter::ExchangeMaxNumOrderLists { .. } => {
            (ctx.new_order_list, ctx.symbol_open, ctx.exchange_open) =
                (true, full_counts(20), full_counts(20));
        }
        SymbolFilter::ExchangeMaxNumOrders { .. } => ctx.exchange_open = full_counts(1000),
        SymbolFilter::ExchangeMaxNumAlgoOrders { .. } => {
            (order.order_type, order.stop_price) = (OrderType::StopLossLimit, Some(dec!(90)));
            ctx.exchange_open = full_counts(200);
        }
        SymbolFilter::ExchangeMaxNumIcebergOrders { .. } => {
            order.iceberg_qty = Some(dec!(0.5));
            ctx.exchange_open = full_counts(10_000);
        }
        SymbolFilter::MaxAsset { .. } => ctx.quote_asset = "USDC".into(),
        SymbolFilter::MaxNumOrderAmends { .. } | SymbolFilter::Unknown => return None,
    }
    Some((order, ctx))
}

fn expected_code(filter: &SymbolFilter) -> String {
    let json = serde_json::to_value(filter).unwrap();
    let name = json["filterType"].as_str().unwrap();
    match name {
        "PRICE_FILTER" => "FILTER_PRICE".into(),
        other => format!("FILTER_{other}"),
    }
}

#[test]
fn a_valid_order_passes_every_filter_in_the_sample() {
    let Some(text) = common::read_sample("filters_all_types.json") else {
        return;
    };
    let filters: Vec<SymbolFilter> = serde_json::from_str(&text).unwrap();
    assert_eq!(check_order(&filters, &base_order(), &base_ctx()), Ok(()));
}

#[test]
fn each_filter_type_in_the_sample_refuses_its_violation_with_its_reason_code() {
    let Some(text) = common::read_sample("filters_all_types.json") else {
        return;
    };
    let filters: Vec<SymbolFilter> = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for filter in &filters {
        let Some((order, ctx)) = violation_for(filter) else {
            continue;
        };
        let single = std::slice::from_ref(filter);
        let refusal =
            check_order(single, &order, &ctx).expect_err(&format!("{filter:?} must refuse"));
        assert_eq!(
            refusal.reason_code().as_str(),
            expected_code(filter),
            "{filter:?}"
        );
        assert_eq!(
            check_order(single, &base_order(), &base_ctx()),
            Ok(()),
            "{filter:?} accepts base order"
        );
        checked += 1;
    }
    assert_eq!(checked, filters.len() - 1);
}

#[test]
fn notional_is_checked_with_exact_decimals_at_the_boundary() {
    let filter = SymbolFilter::Notional {
        min_notional: dec!(10),
        apply_min_to_market: false,
        max_notional: dec!(10000),
        apply_max_to_market: false,
        avg_price_mins: 5,
    };
    let mut order = base_order();
    (order.price, order.quantity) = (Some(dec!(0.1)), dec!(100));
    assert_eq!(
        check_order(std::slice::from_ref(&filter), &order, &base_ctx()),
        Ok(())
    );
    order.quantity = dec!(99.99999999);
    assert!(check_order(&[filter], &order, &base_ctx()).is_err());
    assert_eq!(dec!(0.1) * dec!(100), Decimal::TEN);
}
