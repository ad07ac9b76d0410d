use rust_decimal::Decimal;
use serde::Serialize;

use crate::indicators::{BPS_PER_UNIT, to_bps};
use livespot_domain::ReasonCode;

use crate::Regime;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrailingPolicy {
    Auto,
    Off,
    Virtual,
    Native,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TrailingResolved {
    Off,
    Virtual,
    Native,
}

pub const NATIVE_TRAILING_MIN_BIPS: Decimal = Decimal::from_parts(10, 0, 0, false, 0);
pub const NATIVE_TRAILING_MAX_BIPS: Decimal = Decimal::from_parts(2000, 0, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitParams {
    pub take_profit_atr_trend: Decimal,
    pub stop_loss_atr_trend: Decimal,
    pub take_profit_atr_range: Decimal,
    pub stop_loss_atr_range: Decimal,
    pub trailing_activation_atr: Decimal,
    pub trailing_distance_atr: Decimal,
    pub trailing: TrailingPolicy,
    pub native_trailing_supported: bool,
    pub min_distance_atr: Decimal,
    pub max_distance_atr: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExitChoice {
    pub take_profit: Decimal,
    pub stop_loss: Decimal,
    pub atr: Decimal,
    pub trailing: TrailingResolved,
    pub trailing_activation_price: Option<Decimal>,
    pub trailing_distance: Option<Decimal>,
    pub trailing_delta_bips: Option<Decimal>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExitInputs {
    pub entry_price: Decimal,
    pub atr: Decimal,
    pub regime: Regime,
    pub tick_size: Decimal,
    pub round_trip_fee_bps: Decimal,
}

pub fn round_down_to(value: Decimal, step: Decimal) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    (value / step).floor() * step
}

pub fn round_up_to(value: Decimal, step: Decimal) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    (value / step).ceil() * step
}

pub fn plan_exit(inputs: &ExitInputs, params: &ExitParams) -> Result<ExitChoice, ReasonCode> {
    let (tp_atr, sl_atr) = match inputs.regime {
        Regime::Trend => (params.take_profit_atr_trend, params.stop_loss_atr_trend),
        Regime::Range | Regime::NoTrade => {
            (params.take_profit_atr_range, params.stop_loss_atr_range)
        }
    };
    let take_profit = round_up_to(inputs.entry_price + tp_atr * inputs.atr, inputs.tick_size);
    let stop_loss = round_down_to(inputs.entry_price - sl_atr * inputs.atr, inputs.tick_size);
    let trailing = resolve_trailing(inputs, params);
    let trailing_distance = (trailing != TrailingResolved::Off)
        .then(|| round_up_to(params.trailing_distance_atr * inputs.atr, inputs.tick_size));
    let choice = ExitChoice {
        take_profit,
        stop_loss,
        atr: inputs.atr,
        trailing,
        trailing_activation_price: trailing_distance.map(|_| {
            round_up_to(
                inputs.entry_price + params.trailing_activation_atr * inputs.atr,
                inputs.tick_size,
            )
        }),
        trailing_distance,
        trailing_delta_bips: (trailing == TrailingResolved::Native)
            .then(|| trailing_bips(inputs, params))
            .flatten(),
    };
    check_exit_sanity(inputs, &choice, params)?;
    Ok(choice)
}

fn trailing_bips(inputs: &ExitInputs, params: &ExitParams) -> Option<Decimal> {
    to_bps(
        params.trailing_distance_atr * inputs.atr,
        inputs.entry_price,
    )
    .map(|bips| bips.round())
}

fn resolve_trailing(inputs: &ExitInputs, params: &ExitParams) -> TrailingResolved {
    let delta_fits = trailing_bips(inputs, params)
        .is_some_and(|bips| (NATIVE_TRAILING_MIN_BIPS..=NATIVE_TRAILING_MAX_BIPS).contains(&bips));
    let wanted = match params.trailing {
        TrailingPolicy::Off => TrailingResolved::Off,
        TrailingPolicy::Virtual => TrailingResolved::Virtual,
        TrailingPolicy::Native => TrailingResolved::Native,
        TrailingPolicy::Auto => auto_trailing(inputs, params),
    };
    if delta_fits {
        wanted
    } else {
        TrailingResolved::Off
    }
}

fn auto_trailing(inputs: &ExitInputs, params: &ExitParams) -> TrailingResolved {
    if inputs.regime != Regime::Trend {
        TrailingResolved::Off
    } else if params.native_trailing_supported {
        TrailingResolved::Native
    } else {
        TrailingResolved::Virtual
    }
}

pub fn check_exit_sanity(
    inputs: &ExitInputs,
    choice: &ExitChoice,
    params: &ExitParams,
) -> Result<(), ReasonCode> {
    let entry = inputs.entry_price;
    let ordered =
        choice.take_profit > entry && entry > choice.stop_loss && choice.stop_loss > Decimal::ZERO;
    let profit_distance = choice.take_profit - entry;
    let stop_distance = entry - choice.stop_loss;
    let min_distance = (params.min_distance_atr * inputs.atr).max(inputs.tick_size);
    let max_distance = params.max_distance_atr * inputs.atr;
    let fee_distance = entry * inputs.round_trip_fee_bps / BPS_PER_UNIT;
    let within = |distance: Decimal| distance >= min_distance && distance <= max_distance;
    let beyond_costs = profit_distance > fee_distance && stop_distance > inputs.tick_size;
    if ordered && within(profit_distance) && within(stop_distance) && beyond_costs {
        Ok(())
    } else {
        Err(ReasonCode::ExitSanityFailed)
    }
}

#[cfg(test)]
#[path = "exit_plan_tests.rs"]
mod tests;
