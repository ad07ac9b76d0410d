use rust_decimal::Decimal;

use crate::selection::DeepScanParams;
use crate::{
    AdaptiveParams, EdgeParams, EntryParams, ExitParams, MicroParams, OvertradeParams,
    RegimeParams, SignalParams, SizingParams,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyParams {
    pub deep: DeepScanParams,
    pub regime: RegimeParams,
    pub signal: SignalParams,
    pub micro: MicroParams,
    pub entry: EntryParams,
    pub exit: ExitParams,
    pub edge: EdgeParams,
    pub adaptive: AdaptiveParams,
    pub overtrade: OvertradeParams,
    pub sizing: SizingParams,
    pub decision_ttl_ms: i64,
}

impl StrategyParams {
    pub fn round_trip_fee_bps(&self) -> Decimal {
        self.edge.maker_fee_bps + self.edge.taker_fee_bps
    }
}
