use rust_decimal_macros::dec;

use super::*;

fn params(trailing: TrailingPolicy) -> ExitParams {
    ExitParams {
        take_profit_atr_trend: dec!(3),
        stop_loss_atr_trend: dec!(1.5),
        take_profit_atr_range: dec!(1.5),
        stop_loss_atr_range: dec!(1.5),
        trailing_activation_atr: dec!(1),
        trailing_distance_atr: dec!(1),
        trailing,
        native_trailing_supported: true,
        min_distance_atr: dec!(0.5),
        max_distance_atr: dec!(5),
    }
}

fn inputs(regime: Regime, atr: Decimal) -> ExitInputs {
    ExitInputs {
        entry_price: dec!(100),
        atr,
        regime,
        tick_size: dec!(0.01),
        round_trip_fee_bps: dec!(20),
    }
}

#[test]
fn atr_take_profit_and_stop_around_entry() {
    let plan = plan_exit(
        &inputs(Regime::Trend, dec!(2)),
        &params(TrailingPolicy::Off),
    )
    .unwrap();
    assert_eq!((plan.take_profit, plan.stop_loss), (dec!(106), dec!(97)));
    assert_eq!(plan.trailing, TrailingResolved::Off);
    assert_eq!(plan.trailing_distance, None);
}

#[test]
fn auto_trailing_resolves_native_in_trend_when_delta_fits() {
    let plan = plan_exit(
        &inputs(Regime::Trend, dec!(2)),
        &params(TrailingPolicy::Auto),
    )
    .unwrap();
    assert_eq!(plan.trailing, TrailingResolved::Native);
    assert_eq!(plan.trailing_delta_bips, Some(dec!(200)));
    assert_eq!(plan.trailing_activation_price, Some(dec!(102)));
    assert_eq!(plan.trailing_distance, Some(dec!(2)));
}

#[test]
fn auto_trailing_is_virtual_without_native_support_and_off_in_range() {
    let mut no_native = params(TrailingPolicy::Auto);
    no_native.native_trailing_supported = false;
    let plan = plan_exit(&inputs(Regime::Trend, dec!(2)), &no_native).unwrap();
    assert_eq!(plan.trailing, TrailingResolved::Virtual);
    assert_eq!(plan.trailing_delta_bips, None);
    let range = plan_exit(
        &inputs(Regime::Range, dec!(2)),
        &params(TrailingPolicy::Auto),
    )
    .unwrap();
    assert_eq!(range.trailing, TrailingResolved::Off);
}

#[test]
fn trailing_is_off_when_its_delta_is_outside_the_contract_bounds() {
    for policy in [
        TrailingPolicy::Auto,
        TrailingPolicy::Virtual,
        TrailingPolicy::Native,
    ] {
        let wide = plan_exit(&inputs(Regime::Trend, dec!(21)), &params(policy)).unwrap();
        assert_eq!(wide.trailing, TrailingResolved::Off, "{policy:?} wide");
        assert_eq!(wide.trailing_distance, None, "{policy:?} wide");
        let mut tight_params = params(policy);
        tight_params.trailing_distance_atr = dec!(0.01);
        let tight = plan_exit(&inputs(Regime::Trend, dec!(2)), &tight_params).unwrap();
        assert_eq!(tight.trailing, TrailingResolved::Off, "{policy:?} tight");
    }
}

#[test]
fn explicit_virtual_trailing_is_kept_when_its_delta_fits() {
    let plan = plan_exit(
        &inputs(Regime::Range, dec!(2)),
        &params(TrailingPolicy::Virtual),
    )
    .unwrap();
    assert_eq!(plan.trailing, TrailingResolved::Virtual);
    assert_eq!(plan.trailing_distance, Some(dec!(2)));
}

#[test]
fn take_profit_inside_round_trip_fees_fails_sanity() {
    let plan = plan_exit(
        &inputs(Regime::Range, dec!(0.1)),
        &params(TrailingPolicy::Off),
    );
    assert_eq!(plan, Err(ReasonCode::ExitSanityFailed));
}

#[test]
fn stop_within_one_tick_fails_sanity() {
    let mut tiny = inputs(Regime::Range, dec!(0.004));
    tiny.round_trip_fee_bps = Decimal::ZERO;
    assert_eq!(
        plan_exit(&tiny, &params(TrailingPolicy::Off)),
        Err(ReasonCode::ExitSanityFailed)
    );
}

#[test]
fn sanity_rejects_inverted_and_too_far_levels() {
    let context = inputs(Regime::Trend, dec!(2));
    let good = plan_exit(&context, &params(TrailingPolicy::Off)).unwrap();
    let inverted = ExitChoice {
        take_profit: dec!(99),
        ..good.clone()
    };
    assert_eq!(
        check_exit_sanity(&context, &inverted, &params(TrailingPolicy::Off)),
        Err(ReasonCode::ExitSanityFailed)
    );
    let too_far = ExitChoice {
        stop_loss: dec!(89),
        ..good
    };
    assert_eq!(
        check_exit_sanity(&context, &too_far, &params(TrailingPolicy::Off)),
        Err(ReasonCode::ExitSanityFailed)
    );
}
