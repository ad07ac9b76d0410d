use rust_decimal_macros::dec;

use super::*;
use crate::indicators::atr::tests::bar;

fn params() -> MicroParams {
    MicroParams {
        max_spread_bps: dec!(10),
        max_spread_delta_bps: dec!(3),
        proxy_range_fraction: dec!(0.1),
    }
}

fn book(bid: Decimal, ask: Decimal, bid_qty: Decimal, ask_qty: Decimal) -> BookTop {
    BookTop {
        bid_price: bid,
        bid_qty,
        ask_price: ask,
        ask_qty,
    }
}

#[test]
fn spread_is_relative_to_mid() {
    assert_eq!(
        spread_bps(&book(dec!(99.95), dec!(100.05), dec!(1), dec!(1))),
        Some(dec!(10))
    );
}

#[test]
fn imbalance_is_signed_share_of_top_quantity() {
    assert_eq!(imbalance_x10000(dec!(3), dec!(1)), 5000);
    assert_eq!(imbalance_x10000(dec!(1), dec!(4)), -6000);
    assert_eq!(imbalance_x10000(Decimal::ZERO, Decimal::ZERO), 0);
}

#[test]
fn book_percentiles_delta_and_health() {
    let books = vec![
        book(dec!(99.99), dec!(100.01), dec!(1), dec!(1)),
        book(dec!(99.98), dec!(100.02), dec!(1), dec!(1)),
        book(dec!(99.99), dec!(100.01), dec!(1), dec!(1)),
        book(dec!(99.97), dec!(100.03), dec!(2), dec!(1)),
    ];
    let micro = from_books(&books, &[], &params()).unwrap();
    assert_eq!(micro.spread_p50_bps, dec!(2));
    assert_eq!(micro.spread_p90_bps, dec!(6));
    assert_eq!(micro.spread_bps, dec!(6));
    assert_eq!(micro.spread_delta_bps, dec!(4));
    assert_eq!(micro.imbalance_x10000, 3333);
    assert_eq!(micro.health, SpreadHealth::Widening);
    assert_eq!(micro.source, SpreadSource::Book);
}

#[test]
fn wide_book_is_unhealthy() {
    let books = vec![book(dec!(99), dec!(101), dec!(1), dec!(1))];
    assert_eq!(
        from_books(&books, &[], &params()).unwrap().health,
        SpreadHealth::Wide
    );
}

#[test]
fn kline_proxy_is_range_fraction_floored_at_one_tick() {
    let wide = bar(dec!(100), dec!(101), dec!(99), dec!(100));
    assert_eq!(
        kline_spread_proxy_bps(&wide, dec!(0.01), &params()),
        dec!(20)
    );
    let flat = bar(dec!(100), dec!(100), dec!(100), dec!(100));
    assert_eq!(
        kline_spread_proxy_bps(&flat, dec!(0.01), &params()),
        dec!(1)
    );
    let micro = from_klines(&[flat.clone(), flat], dec!(0.01), &params()).unwrap();
    assert_eq!(micro.source, SpreadSource::KlineRangeProxy);
    assert_eq!(micro.microvol_bps, Decimal::ZERO);
    assert_eq!(micro.imbalance_x10000, 0);
}
