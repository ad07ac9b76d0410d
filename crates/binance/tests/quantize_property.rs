#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly on bad fixtures"
)]

mod common;

use livespot_binance::filter_check::{CheckContext, OrderCheck, check_order};
use livespot_binance::filters::{SymbolFilter, is_multiple};
use livespot_binance::quantize::quantize_order;
use livespot_binance::rest::enums::{OrderSide, OrderType};
use livespot_binance::rest::market::{ExchangeInfo, SymbolInfo};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};

const ORDERS_PER_FILE: usize = 4000;

#[derive(Default)]
struct Tally {
    produced: usize,
    refused: BTreeMap<&'static str, usize>,
}

fn last_prices() -> Option<HashMap<String, Decimal>> {
    let path = common::shared_or_skip("data/reference/ticker24hr-spot-2024-03-10.json")?;
    let tickers: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    Some(
        tickers
            .iter()
            .filter_map(|t| {
                Some((
                    t["symbol"].as_str()?.to_owned(),
                    t["lastPrice"].as_str()?.parse().ok()?,
                ))
            })
            .filter(|(_, p): &(String, Decimal)| !p.is_zero())
            .collect(),
    )
}

fn random_order(rng: &mut StdRng, reference: Decimal) -> OrderCheck {
    let side = if rng.random_bool(0.5) {
        OrderSide::Buy
    } else {
        OrderSide::Sell
    };
    let market = rng.random_ratio(1, 4);
    let factor = Decimal::new(rng.random_range(500_000_000_000_i64..1_500_000_000_000), 12);
    let price = (reference * factor).round_dp(16);
    let notional = Decimal::new(rng.random_range(5_i64..50_000_000), 4);
    OrderCheck {
        side,
        order_type: if market {
            OrderType::Market
        } else {
            OrderType::Limit
        },
        price: (!market).then_some(price),
        stop_price: None,
        quantity: (notional / price).round_dp(16),
        iceberg_qty: None,
        trailing_delta: None,
    }
}

fn step_of(filters: &[SymbolFilter], lot: bool) -> Option<Decimal> {
    filters.iter().find_map(|f| match f {
        SymbolFilter::LotSize { step_size, .. } if lot => Some(*step_size),
        SymbolFilter::PriceFilter { tick_size, .. } if !lot => Some(*tick_size),
        _ => None,
    })
}

fn assert_produced(
    symbol: &SymbolInfo,
    request: &OrderCheck,
    order: &OrderCheck,
    ctx: &CheckContext,
) {
    assert_eq!(
        check_order(&symbol.filters, order, ctx),
        Ok(()),
        "{}",
        symbol.symbol
    );
    assert!(order.quantity <= request.quantity);
    assert!(is_multiple(
        order.quantity,
        step_of(&symbol.filters, true).unwrap_or_default()
    ));
    if let (Some(asked), Some(price)) = (request.price, order.price) {
        assert!(is_multiple(
            price,
            step_of(&symbol.filters, false).unwrap_or_default()
        ));
        match order.side {
            OrderSide::Buy => assert!(price <= asked),
            OrderSide::Sell => assert!(price >= asked),
        }
    }
}

fn run_file(file: &str, seed: u64) -> Option<Tally> {
    let prices = last_prices()?;
    let path = common::shared_or_skip(&format!("data/reference/{file}"))?;
    let info: ExchangeInfo =
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).expect("exchangeInfo parses");
    let symbols: Vec<(&SymbolInfo, Decimal)> = info
        .symbols
        .iter()
        .filter(|s| s.status == "TRADING")
        .filter_map(|s| Some((s, *prices.get(&s.symbol)?)))
        .collect();
    assert!(
        symbols.len() > 300,
        "{file}: {} symbols with prices",
        symbols.len()
    );
    let mut rng = StdRng::seed_from_u64(seed);
    let mut tally = Tally::default();
    for _ in 0..ORDERS_PER_FILE {
        let (symbol, reference) = symbols[rng.random_range(0..symbols.len())];
        let request = random_order(&mut rng, reference);
        let ctx = CheckContext {
            reference_price: Some(reference),
            ..CheckContext::default()
        };
        match quantize_order(&symbol.filters, &request, &ctx) {
            Ok(order) => {
                assert_produced(symbol, &request, &order, &ctx);
                tally.produced += 1;
            }
            Err(refusal) => {
                assert!(refusal.reason_code().as_str().starts_with("FILTER_"));
                *tally
                    .refused
                    .entry(refusal.reason_code().as_str())
                    .or_default() += 1;
            }
        }
    }
    println!(
        "{file}: produced {} refused {:?}",
        tally.produced, tally.refused
    );
    Some(tally)
}

#[test]
fn quantized_orders_on_2024_exchange_info_pass_filters_or_are_refused_with_reason() {
    let Some(tally) = run_file("exchangeInfo-spot-2024-09-08-TRADING-only.json", 2024) else {
        return;
    };
    assert!(tally.produced > ORDERS_PER_FILE / 2);
    assert!(tally.refused.contains_key("FILTER_NOTIONAL"));
}

#[test]
fn quantized_orders_on_2023_exchange_info_pass_filters_or_are_refused_with_reason() {
    let Some(tally) = run_file("exchangeInfo-spot-2023-08-13.json", 2023) else {
        return;
    };
    assert!(tally.produced > ORDERS_PER_FILE / 2);
    assert!(tally.refused.values().sum::<usize>() > 0);
}
