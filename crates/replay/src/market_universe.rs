use livespot_pipeline::indicators::{percentile, to_bps};
use livespot_pipeline::selection::UniverseCandidate;
use livespot_pipeline::{MicroParams, kline_spread_proxy_bps};
use rust_decimal::Decimal;

use crate::SymbolSeries;
use crate::defaults::MICRO_MINUTES;

pub const MINUTES_PER_DAY: usize = 1440;
pub const REPLAY_QUOTE_ASSET: &str = "USDT";

pub fn candidate_at(
    series: &SymbolSeries,
    minutes_done: usize,
    micro: &MicroParams,
) -> Option<UniverseCandidate> {
    if minutes_done == 0 {
        return None;
    }
    let start = minutes_done.saturating_sub(MINUTES_PER_DAY);
    let volume =
        series.quote_volume_prefix.get(minutes_done)? - series.quote_volume_prefix.get(start)?;
    let last = series.one_minute.get(minutes_done - 1)?;
    let first = series.one_minute.get(start)?;
    let micro_start = minutes_done.saturating_sub(MICRO_MINUTES);
    let spreads: Vec<Decimal> = series.one_minute[micro_start..minutes_done]
        .iter()
        .map(|k| kline_spread_proxy_bps(k, series.filters.tick_size, micro))
        .collect();
    let base = series
        .symbol
        .strip_suffix(REPLAY_QUOTE_ASSET)
        .unwrap_or(&series.symbol);
    Some(UniverseCandidate {
        symbol: series.symbol.clone(),
        base_asset: base.to_owned(),
        quote_asset: if base.len() < series.symbol.len() {
            REPLAY_QUOTE_ASSET.to_owned()
        } else {
            String::new()
        },
        status: "TRADING".to_owned(),
        spot_allowed: true,
        quote_volume_24h: volume,
        last_price: last.close,
        abs_change_bps_24h: to_bps((last.close - first.open).abs(), first.open).unwrap_or_default(),
        spread_bps: percentile(&spreads, 50),
    })
}

#[cfg(test)]
mod tests {
    use livespot_pipeline::Kline;
    use rust_decimal_macros::dec;

    use super::*;
    use crate::build_series;

    fn minute(index: i64, close: Decimal) -> Kline {
        Kline {
            open_time_ms: index * 60_000,
            open: close,
            high: close + dec!(1),
            low: close - dec!(1),
            close,
            volume: dec!(2),
            close_time_ms: index * 60_000 + 59_999,
            quote_volume: Some(dec!(150)),
            trades: None,
            taker_buy_base: None,
            taker_buy_quote: None,
        }
    }

    fn micro() -> MicroParams {
        MicroParams {
            max_spread_bps: dec!(15),
            max_spread_delta_bps: dec!(5),
            proxy_range_fraction: dec!(0.1),
        }
    }

    #[test]
    fn candidate_uses_trailing_day_volume_and_change() {
        let klines: Vec<Kline> = (0..1500)
            .map(|i| minute(i, Decimal::from(100 + i / 100) + dec!(0.01)))
            .collect();
        let series = build_series("ABCUSDT".to_owned(), klines, 15).unwrap();
        let candidate = candidate_at(&series, 1500, &micro()).unwrap();
        assert_eq!(candidate.quote_volume_24h, dec!(150) * Decimal::from(1440));
        assert_eq!(candidate.base_asset, "ABC");
        assert_eq!(candidate.quote_asset, "USDT");
        assert_eq!(candidate.last_price, dec!(114.01));
        assert_eq!(candidate.abs_change_bps_24h, dec!(1399.86));
        assert_eq!(candidate.spread_bps, Some(dec!(17.5423)));
        assert_eq!(candidate_at(&series, 0, &micro()), None);
    }
}
