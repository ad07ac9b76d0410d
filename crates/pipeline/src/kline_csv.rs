use std::str::FromStr;

use rust_decimal::Decimal;

use crate::{Kline, PipelineError};

pub const KLINE_CSV_HEADER: &str = "open_time_ms,open,high,low,close,volume,close_time_ms,quote_volume,trades,taker_buy_base,taker_buy_quote";
pub const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
pub const MAX_VOLUME: Decimal = Decimal::from_parts(276_447_232, 23_283, 0, false, 0);
pub const MAX_QUOTE_VOLUME: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);
pub const MAX_TIME_MS: i64 = 1_000_000_000_000_000;
const COLUMNS: [&str; 11] = [
    "open_time_ms",
    "open",
    "high",
    "low",
    "close",
    "volume",
    "close_time_ms",
    "quote_volume",
    "trades",
    "taker_buy_base",
    "taker_buy_quote",
];

pub fn parse_klines_csv(text: &str) -> Result<Vec<Kline>, PipelineError> {
    let mut lines = text.lines().enumerate();
    let header = lines
        .next()
        .map(|(_, line)| line.trim())
        .unwrap_or_default();
    if header != KLINE_CSV_HEADER {
        return Err(PipelineError::KlineHeader {
            found: header.chars().take(120).collect(),
        });
    }
    let mut klines: Vec<Kline> = Vec::new();
    for (index, raw) in lines {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let kline = parse_row(line, trimmed)?;
        if let Some(previous) = klines.last()
            && kline.open_time_ms <= previous.open_time_ms
        {
            return Err(PipelineError::KlineOrder {
                line,
                open_time_ms: kline.open_time_ms,
                previous_ms: previous.open_time_ms,
            });
        }
        klines.push(kline);
    }
    Ok(klines)
}

fn parse_row(line: usize, row: &str) -> Result<Kline, PipelineError> {
    let fields: Vec<&str> = row.split(',').collect();
    if fields.len() != COLUMNS.len() {
        return Err(PipelineError::KlineColumns {
            line,
            expected: COLUMNS.len(),
            found: fields.len(),
        });
    }
    let cell = Cells {
        line,
        fields: &fields,
    };
    let kline = Kline {
        open_time_ms: cell.required(0)?,
        open: cell.required(1)?,
        high: cell.required(2)?,
        low: cell.required(3)?,
        close: cell.required(4)?,
        volume: cell.required(5)?,
        close_time_ms: cell.required(6)?,
        quote_volume: cell.optional(7)?,
        trades: cell.optional(8)?,
        taker_buy_base: cell.optional(9)?,
        taker_buy_quote: cell.optional(10)?,
    };
    check_shape(line, &kline)?;
    Ok(kline)
}

fn check_shape(line: usize, kline: &Kline) -> Result<(), PipelineError> {
    let body_low = kline.open.min(kline.close);
    let body_high = kline.open.max(kline.close);
    if kline.low <= Decimal::ZERO || kline.low > body_low || kline.high < body_high {
        return Err(PipelineError::KlineField {
            line,
            column: "high",
            detail: "prices must satisfy 0 < low <= open,close <= high".to_owned(),
        });
    }
    check_bounds(line, kline)
}

fn out_of_range(line: usize, column: &'static str, bound: &str) -> PipelineError {
    PipelineError::KlineField {
        line,
        column,
        detail: format!("value outside {bound}"),
    }
}

fn check_bounds(line: usize, kline: &Kline) -> Result<(), PipelineError> {
    if kline.high > MAX_PRICE {
        return Err(out_of_range(line, "high", "0..=1e9"));
    }
    if kline.volume < Decimal::ZERO || kline.volume > MAX_VOLUME {
        return Err(out_of_range(line, "volume", "0..=1e14"));
    }
    if kline
        .quote_volume
        .is_some_and(|quote| quote < Decimal::ZERO || quote > MAX_QUOTE_VOLUME)
    {
        return Err(out_of_range(line, "quote_volume", "0..=1e15"));
    }
    if !(0..=MAX_TIME_MS).contains(&kline.open_time_ms) {
        return Err(out_of_range(line, "open_time_ms", "0..=1e15"));
    }
    if kline.close_time_ms < kline.open_time_ms || kline.close_time_ms > MAX_TIME_MS {
        return Err(out_of_range(line, "close_time_ms", "open_time_ms..=1e15"));
    }
    Ok(())
}

struct Cells<'a> {
    line: usize,
    fields: &'a [&'a str],
}

impl Cells<'_> {
    fn text(&self, index: usize) -> &str {
        self.fields.get(index).map_or("", |field| field.trim())
    }

    fn parse<T: FromStr>(&self, index: usize, text: &str) -> Result<T, PipelineError>
    where
        T::Err: std::fmt::Display,
    {
        text.parse::<T>()
            .map_err(|error| PipelineError::KlineField {
                line: self.line,
                column: COLUMNS.get(index).copied().unwrap_or("unknown"),
                detail: format!("{text:?}: {error}"),
            })
    }

    fn required<T: FromStr>(&self, index: usize) -> Result<T, PipelineError>
    where
        T::Err: std::fmt::Display,
    {
        self.parse(index, self.text(index))
    }

    fn optional<T: FromStr>(&self, index: usize) -> Result<Option<T>, PipelineError>
    where
        T::Err: std::fmt::Display,
    {
        let text = self.text(index);
        if text.is_empty() {
            return Ok(None);
        }
        self.parse(index, text).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn csv(rows: &[&str]) -> String {
        let mut text = format!("{KLINE_CSV_HEADER}\n");
        for row in rows {
            text.push_str(row);
            text.push('\n');
        }
        text
    }

    #[test]
    fn parses_ohlcv_rows_with_empty_optional_columns() {
        let text =
            csv(&["1723075200000,55133.76,55140.61,55075.51,55089.99,15.01084,1723075259999,,,,"]);
        let klines = parse_klines_csv(&text).unwrap();
        assert_eq!(klines.len(), 1);
        assert_eq!(klines[0].close, dec!(55089.99));
        assert_eq!(klines[0].quote_volume, None);
        assert_eq!(klines[0].trades, None);
    }

    #[test]
    fn parses_full_rows() {
        let text = csv(&[
            "1758503700000,114623.68,114660,114584,114660,26.19202,1758503759999,3001855.447971,5151,14.72112,1687190.3789928",
        ]);
        let klines = parse_klines_csv(&text).unwrap();
        assert_eq!(klines[0].trades, Some(5151));
        assert_eq!(klines[0].taker_buy_base, Some(dec!(14.72112)));
    }

    #[test]
    fn bad_number_reports_line_and_column() {
        let text = csv(&["60000,1,2,1,2,5,119999,,,,", "120000,1,2,x,2,5,179999,,,,"]);
        let error = parse_klines_csv(&text).unwrap_err();
        assert!(
            matches!(
                error,
                PipelineError::KlineField {
                    line: 3,
                    column: "low",
                    ..
                }
            ),
            "{error:?}"
        );
    }

    #[test]
    fn wrong_header_and_column_count_and_order_are_refused() {
        assert_eq!(
            parse_klines_csv("a,b\n").unwrap_err().reason_code(),
            "KLINE_CSV_HEADER"
        );
        let short = csv(&["60000,1,2,1,2,5"]);
        assert!(matches!(
            parse_klines_csv(&short),
            Err(PipelineError::KlineColumns {
                line: 2,
                found: 6,
                ..
            })
        ));
        let backwards = csv(&["120000,1,2,1,2,5,179999,,,,", "60000,1,2,1,2,5,119999,,,,"]);
        assert!(matches!(
            parse_klines_csv(&backwards),
            Err(PipelineError::KlineOrder { line: 3, .. })
        ));
    }

    #[test]
    fn bounds_are_exact_powers_of_ten() {
        assert_eq!(MAX_VOLUME, dec!(100000000000000));
        assert_eq!(MAX_QUOTE_VOLUME, dec!(1000000000000000));
    }

    #[test]
    fn values_outside_bounds_are_refused() {
        let huge_price = csv(&["60000,1,2000000000,1,2,5,119999,,,,"]);
        assert!(matches!(
            parse_klines_csv(&huge_price),
            Err(PipelineError::KlineField { column: "high", .. })
        ));
        let huge_volume = csv(&["60000,1,2,1,2,100000000000001,119999,,,,"]);
        assert!(matches!(
            parse_klines_csv(&huge_volume),
            Err(PipelineError::KlineField {
                column: "volume",
                ..
            })
        ));
        let late = csv(&["9223372036854775000,1,2,1,2,5,9223372036854775001,,,,"]);
        assert!(matches!(
            parse_klines_csv(&late),
            Err(PipelineError::KlineField {
                column: "open_time_ms",
                ..
            })
        ));
        let backwards = csv(&["60000,1,2,1,2,5,59999,,,,"]);
        assert!(matches!(
            parse_klines_csv(&backwards),
            Err(PipelineError::KlineField {
                column: "close_time_ms",
                ..
            })
        ));
    }

    #[test]
    fn inconsistent_candle_is_refused() {
        let text = csv(&["60000,1,2,1.5,1,5,119999,,,,"]);
        assert!(matches!(
            parse_klines_csv(&text),
            Err(PipelineError::KlineField { line: 2, .. })
        ));
    }
}
