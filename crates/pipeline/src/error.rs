use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PipelineError {
    #[error("kline csv header is not the recorded format: {found}")]
    KlineHeader { found: String },
    #[error("kline csv line {line}: column {column}: {detail}")]
    KlineField {
        line: usize,
        column: &'static str,
        detail: String,
    },
    #[error("kline csv line {line}: expected {expected} columns, found {found}")]
    KlineColumns {
        line: usize,
        expected: usize,
        found: usize,
    },
    #[error("kline csv line {line}: open time {open_time_ms} does not follow {previous_ms}")]
    KlineOrder {
        line: usize,
        open_time_ms: i64,
        previous_ms: i64,
    },
    #[error("aggregation factor must be at least 1")]
    AggregateFactor,
}

impl PipelineError {
    pub fn reason_code(&self) -> &'static str {
        match self {
            Self::KlineHeader { .. } => "KLINE_CSV_HEADER",
            Self::KlineField { .. } => "KLINE_CSV_FIELD",
            Self::KlineColumns { .. } => "KLINE_CSV_COLUMNS",
            Self::KlineOrder { .. } => "KLINE_CSV_ORDER",
            Self::AggregateFactor => "KLINE_AGGREGATE_FACTOR",
        }
    }
}
