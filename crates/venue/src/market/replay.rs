use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

use super::kline::{Kline, MINUTE_MS};
use crate::error::VenueError;

pub const TICKS_PER_MINUTE: i64 = 600;

#[derive(Debug, Clone)]
pub struct ReplayPath {
    pub klines: Vec<Kline>,
    pub index: usize,
    pub tick_in_minute: i64,
}

fn field(fields: &[&str], index: usize) -> Option<Decimal> {
    fields.get(index).and_then(|text| text.parse().ok())
}

fn parse_row(line: &str) -> Option<Kline> {
    let fields: Vec<&str> = line.split(',').collect();
    let open_time: i64 = fields.first()?.parse().ok()?;
    let mut kline = Kline::flat(open_time, MINUTE_MS, field(&fields, 1)?);
    kline.high = field(&fields, 2)?;
    kline.low = field(&fields, 3)?;
    kline.close = field(&fields, 4)?;
    kline.volume = field(&fields, 5)?;
    kline.quote_volume = field(&fields, 7).unwrap_or_default();
    kline.trades = fields
        .get(8)
        .and_then(|t| t.parse().ok())
        .unwrap_or_default();
    kline.taker_buy_base = field(&fields, 9).unwrap_or_default();
    kline.taker_buy_quote = field(&fields, 10).unwrap_or_default();
    Some(kline)
}

pub fn load_csv(path: &Path) -> Result<Vec<Kline>, VenueError> {
    let text = std::fs::read_to_string(path).map_err(|error| VenueError::ReplayLoad {
        path: path.to_path_buf(),
        detail: error.to_string(),
    })?;
    let klines: Vec<Kline> = text.lines().skip(1).filter_map(parse_row).collect();
    if klines.is_empty() {
        return Err(VenueError::ReplayLoad {
            path: path.to_path_buf(),
            detail: "no kline rows".to_owned(),
        });
    }
    Ok(klines)
}

pub fn find_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, VenueError> {
    let entries = std::fs::read_dir(dir).map_err(|error| VenueError::ReplayLoad {
        path: dir.to_path_buf(),
        detail: error.to_string(),
    })?;
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_owned();
            let symbol = name
                .strip_suffix(".csv")
                .and_then(|stem| stem.split("-1m-").next())?;
            name.contains("-1m-")
                .then(|| (symbol.to_owned(), path.clone()))
        })
        .collect();
    files.sort();
    files.dedup_by(|a, b| a.0 == b.0);
    Ok(files)
}

impl ReplayPath {
    pub fn new(klines: Vec<Kline>, start_index: usize) -> Self {
        Self {
            klines,
            index: start_index,
            tick_in_minute: 0,
        }
    }

    pub fn current(&self) -> Option<&Kline> {
        self.klines.get(self.index % self.klines.len().max(1))
    }

    pub fn step(&mut self) -> Decimal {
        let Some(kline) = self.current().cloned() else {
            return Decimal::ONE;
        };
        let price = path_price(&kline, self.tick_in_minute);
        self.tick_in_minute += 1;
        if self.tick_in_minute >= TICKS_PER_MINUTE {
            self.tick_in_minute = 0;
            self.index += 1;
        }
        price
    }
}

fn path_price(kline: &Kline, tick: i64) -> Decimal {
    let quarter = TICKS_PER_MINUTE / 4;
    let (first, second) = if kline.close >= kline.open {
        (kline.low, kline.high)
    } else {
        (kline.high, kline.low)
    };
    let points = [kline.open, first, second, kline.close, kline.close];
    let segment = usize::try_from(tick / quarter).unwrap_or(3).min(3);
    let within = Decimal::from(tick % quarter) / Decimal::from(quarter);
    points[segment] + (points[segment + 1] - points[segment]) * within
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn path_stays_inside_the_candle_and_ends_at_close() {
        let mut kline = Kline::flat(0, MINUTE_MS, dec!(100));
        kline.high = dec!(110);
        kline.low = dec!(95);
        kline.close = dec!(105);
        let mut path = ReplayPath::new(vec![kline.clone(), kline], 0);
        let prices: Vec<Decimal> = (0..TICKS_PER_MINUTE).map(|_| path.step()).collect();
        assert!(prices.iter().all(|p| *p >= dec!(95) && *p <= dec!(110)));
        assert_eq!(prices[0], dec!(100));
        assert!(prices.contains(&dec!(95)));
        assert!(prices.contains(&dec!(110)));
        assert_eq!(path.index, 1);
    }

    #[test]
    fn parses_rows_with_and_without_optional_columns() {
        let full = parse_row("1758503700000,114623.68,114660,114584,114660,26.19202,1758503759999,3001855.44,5151,14.72,1687190.37").unwrap();
        assert_eq!(full.trades, 5151);
        let short = parse_row(
            "1774267740000,69979.98,70112.55,69973.41,70070.53,32.55652,1774267799999,,,,",
        )
        .unwrap();
        assert_eq!(short.close, dec!(70070.53));
        assert_eq!(short.trades, 0);
    }
}
