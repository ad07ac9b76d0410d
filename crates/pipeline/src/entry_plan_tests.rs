use rust_decimal_macros::dec;

use super::*;

fn params(mode: EntryMode) -> EntryParams {
    EntryParams {
        mode,
        trend_maker_ttl_ms: 5_000,
        range_maker_ttl_ms: 30_000,
        trend_fallback: EntryFallback::Ioc,
        range_fallback: EntryFallback::None,
        max_taker_premium_bps: dec!(8),
        max_limit_distance_bps: dec!(20),
    }
}

fn costs(half_spread: Decimal) -> EntryCosts {
    EntryCosts {
        maker_fee_bps: dec!(7.5),
        taker_fee_bps: dec!(10),
        half_spread_bps: half_spread,
        expected_slippage_bps: dec!(2),
    }
}

fn book() -> BookTop {
    BookTop {
        bid_price: dec!(100.00),
        bid_qty: dec!(1),
        ask_price: dec!(100.02),
        ask_qty: dec!(1),
    }
}

#[test]
fn taker_premium_adds_fee_gap_two_half_spreads_and_slippage() {
    assert_eq!(costs(dec!(1)).taker_premium_bps(), dec!(6.5));
}

#[test]
fn auto_trend_takes_with_ioc_when_premium_is_cheap() {
    let plan = plan_entry(
        Regime::Trend,
        &book(),
        dec!(0.01),
        &costs(dec!(1)),
        &params(EntryMode::Auto),
    );
    assert_eq!(
        (plan.order, plan.fallback, plan.ttl_ms),
        (EntryOrder::Ioc, EntryFallback::None, None)
    );
    assert_eq!(plan.limit_price, Some(dec!(100.04)));
}

#[test]
fn auto_trend_is_maker_first_without_fallback_when_premium_is_expensive() {
    let plan = plan_entry(
        Regime::Trend,
        &book(),
        dec!(0.01),
        &costs(dec!(2)),
        &params(EntryMode::Auto),
    );
    assert_eq!(
        (plan.order, plan.fallback),
        (EntryOrder::MakerFirst, EntryFallback::None)
    );
    assert_eq!(plan.ttl_ms, Some(5_000));
    assert_eq!(plan.limit_price, Some(dec!(100.00)));
}

#[test]
fn maker_first_policy_uses_regime_fallback_when_premium_allows() {
    let trend = choose_order(
        Regime::Trend,
        &costs(dec!(1)),
        &params(EntryMode::MakerFirst),
    );
    assert_eq!(trend, (EntryOrder::MakerFirst, EntryFallback::Ioc));
    let range = choose_order(
        Regime::Range,
        &costs(dec!(1)),
        &params(EntryMode::MakerFirst),
    );
    assert_eq!(range, (EntryOrder::MakerFirst, EntryFallback::None));
    let market = choose_order(Regime::Range, &costs(dec!(1)), &params(EntryMode::Market));
    assert_eq!(market, (EntryOrder::Market, EntryFallback::None));
}

#[test]
fn maker_limit_never_crosses_the_ask() {
    let crossed_by_rounding = BookTop {
        bid_price: dec!(100.015),
        ask_price: dec!(100.02),
        ..book()
    };
    let limit = maker_limit(
        &crossed_by_rounding,
        dec!(0.01),
        &params(EntryMode::MakerFirst),
    );
    assert_eq!(limit, dec!(100.01));
    assert!(limit < crossed_by_rounding.ask_price);
}

#[test]
fn ioc_limit_is_capped_at_max_distance_from_touch() {
    let mut wide_slippage = costs(dec!(1));
    wide_slippage.expected_slippage_bps = dec!(50);
    let limit = ioc_limit(&book(), dec!(0.01), &wide_slippage, &params(EntryMode::Ioc));
    assert_eq!(limit, dec!(100.22));
}

#[test]
fn market_entry_has_no_limit_and_references_the_ask() {
    let plan = plan_entry(
        Regime::Range,
        &book(),
        dec!(0.01),
        &costs(dec!(1)),
        &params(EntryMode::Market),
    );
    assert_eq!(plan.limit_price, None);
    assert_eq!(plan.reference_price, dec!(100.02));
}

#[test]
fn range_maker_waits_longer_than_trend_maker() {
    let range = plan_entry(
        Regime::Range,
        &book(),
        dec!(0.01),
        &costs(dec!(1)),
        &params(EntryMode::MakerFirst),
    );
    assert_eq!(
        (range.order, range.ttl_ms),
        (EntryOrder::MakerFirst, Some(30_000))
    );
    let trend = plan_entry(
        Regime::Trend,
        &book(),
        dec!(0.01),
        &costs(dec!(1)),
        &params(EntryMode::MakerFirst),
    );
    assert_eq!(
        (trend.ttl_ms, trend.fallback),
        (Some(5_000), EntryFallback::Ioc)
    );
}
