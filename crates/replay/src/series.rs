use std::path::Path;

use livespot_pipeline::{Kline, SymbolFilters, aggregate, parse_klines_csv};
use rust_decimal::Decimal;

use crate::ReplayError;

pub const REPLAY_MIN_NOTIONAL: Decimal = Decimal::from_parts(5, 0, 0, false, 0);

#[derive(Debug, Clone)]
pub struct SymbolSeries {
    pub symbol: String,
    pub one_minute: Vec<Kline>,
    pub bars: Vec<Kline>,
    pub filters: SymbolFilters,
    pub quote_volume_prefix: Vec<Decimal>,
    pub bar_returns: Vec<Decimal>,
}

pub fn symbol_from_path(path: &Path) -> Result<String, ReplayError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let symbol = name.split('-').next().unwrap_or_default();
    let valid = !symbol.is_empty()
        && symbol
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if valid && name.contains('-') {
        Ok(symbol.to_owned())
    } else {
        Err(ReplayError::SymbolFromPath {
            path: path.display().to_string(),
        })
    }
}

fn finest_step<I: Iterator<Item = Decimal>>(values: I) -> Decimal {
    let scale = values.map(|v| v.normalize().scale()).max().unwrap_or(0);
    Decimal::new(1, scale)
}

pub fn derive_filters(one_minute: &[Kline]) -> SymbolFilters {
    let tick_size = finest_step(
        one_minute
            .iter()
            .flat_map(|k| [k.open, k.high, k.low, k.close]),
    );
    let step_size = finest_step(one_minute.iter().map(|k| k.volume));
    SymbolFilters {
        tick_size,
        step_size,
        min_qty: step_size,
        min_notional: REPLAY_MIN_NOTIONAL,
    }
}

pub fn load_series(path: &Path, interval_minutes: u32) -> Result<SymbolSeries, ReplayError> {
    let symbol = symbol_from_path(path)?;
    let text = std::fs::read_to_string(path).map_err(|error| ReplayError::ReadKlines {
        path: path.display().to_string(),
        detail: error.to_string(),
    })?;
    let one_minute = parse_klines_csv(&text).map_err(|source| ReplayError::ParseKlines {
        path: path.display().to_string(),
        source,
    })?;
    build_series(symbol, one_minute, interval_minutes).map_err(|error| match error {
        ReplayError::NoBars {
            interval_minutes, ..
        } => ReplayError::NoBars {
            path: path.display().to_string(),
            interval_minutes,
        },
        other => other,
    })
}

pub fn build_series(
    symbol: String,
    one_minute: Vec<Kline>,
    interval_minutes: u32,
) -> Result<SymbolSeries, ReplayError> {
    let factor = usize::try_from(interval_minutes).unwrap_or(1);
    let bars = aggregate(&one_minute, factor).map_err(|source| ReplayError::ParseKlines {
        path: symbol.clone(),
        source,
    })?;
    if bars.is_empty() {
        return Err(ReplayError::NoBars {
            path: symbol,
            interval_minutes,
        });
    }
    let mut quote_volume_prefix = Vec::with_capacity(one_minute.len() + 1);
    let mut running = Decimal::ZERO;
    quote_volume_prefix.push(running);
    for kline in &one_minute {
        running = running
            .checked_add(kline.quote_volume_or_estimate())
            .ok_or_else(|| ReplayError::VolumeOverflow {
                symbol: symbol.clone(),
            })?;
        quote_volume_prefix.push(running);
    }
    let closes: Vec<Decimal> = bars.iter().map(|k| k.close).collect();
    Ok(SymbolSeries {
        filters: derive_filters(&one_minute),
        symbol,
        bar_returns: livespot_pipeline::indicators::simple_returns(&closes),
        one_minute,
        bars,
        quote_volume_prefix,
    })
}

impl SymbolSeries {
    pub fn minutes_before(&self, now_ms: i64) -> usize {
        self.one_minute
            .partition_point(|k| k.close_time_ms < now_ms)
    }

    pub fn bars_before(&self, now_ms: i64) -> usize {
        self.bars.partition_point(|k| k.close_time_ms < now_ms)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn symbol_is_the_file_name_prefix() {
        let path = Path::new("/x/BTCUSDT-1m-2026-03-23_2026-04-22.csv");
        assert_eq!(symbol_from_path(path).unwrap(), "BTCUSDT");
        assert!(symbol_from_path(Path::new("/x/klines.csv")).is_err());
    }

    #[test]
    fn finest_step_follows_the_most_precise_value() {
        assert_eq!(
            finest_step([dec!(70124), dec!(70124.5), dec!(70124.01)].into_iter()),
            dec!(0.01)
        );
        assert_eq!(finest_step([dec!(1.2000)].into_iter()), dec!(0.1));
    }
}
