use std::io::Write;
use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::{Engine, ReplayError, ReplayParams, Summary, load_series};

pub const MAX_INTERVAL_MINUTES: u32 = 60;
pub const MAX_EQUITY: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionsRequest {
    pub klines: Vec<PathBuf>,
    pub equity: Decimal,
    pub interval_minutes: u32,
}

pub fn run_decisions(
    request: &DecisionsRequest,
    params: &ReplayParams,
    out: &mut dyn Write,
) -> Result<Summary, ReplayError> {
    if request.klines.is_empty() {
        return Err(ReplayError::NoInput);
    }
    if request.interval_minutes == 0 || request.interval_minutes > MAX_INTERVAL_MINUTES {
        return Err(ReplayError::Interval {
            minutes: request.interval_minutes,
        });
    }
    if request.equity <= Decimal::ZERO || request.equity > MAX_EQUITY {
        return Err(ReplayError::Equity {
            equity: request.equity.to_string(),
        });
    }
    let mut series = Vec::with_capacity(request.klines.len());
    for path in &request.klines {
        let loaded = load_series(path, request.interval_minutes)?;
        if series
            .iter()
            .any(|s: &crate::SymbolSeries| s.symbol == loaded.symbol)
        {
            return Err(ReplayError::DuplicateSymbol {
                symbol: loaded.symbol,
            });
        }
        series.push(loaded);
    }
    series.sort_by(|a, b| a.symbol.cmp(&b.symbol));
    Engine::new(&series, params, request.equity, request.interval_minutes).run(out)
}

pub fn run_decisions_to_stdout(
    request: &DecisionsRequest,
    config: &livespot_config::Config,
) -> Result<Summary, ReplayError> {
    let params = crate::from_config(config);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let summary = run_decisions(request, &params, &mut out)?;
    out.flush().map_err(|error| ReplayError::Output {
        detail: error.to_string(),
    })?;
    Ok(summary)
}
