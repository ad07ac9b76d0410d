mod error;
pub mod indicators;
mod kline;
mod kline_csv;

pub use error::PipelineError;
pub use kline::{Kline, ONE_MINUTE_MS, aggregate, merge};
pub use kline_csv::{KLINE_CSV_HEADER, parse_klines_csv};
