use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum BlockReason {
    HistoryInsufficient,
    RegimeNoTrade,
    SignalNone,
    SpreadUnhealthy,
    ExitSanityFailed,
    EdgeBelowMin,
    SizeBelowMinNotional,
    SizeExposureCap,
    OvertradeSymbolWindow,
    OvertradeCooldown,
    OvertradeLossStreak,
    OvertradeDayLimit,
}

impl BlockReason {
    pub const ALL: [Self; 12] = [
        Self::HistoryInsufficient,
        Self::RegimeNoTrade,
        Self::SignalNone,
        Self::SpreadUnhealthy,
        Self::ExitSanityFailed,
        Self::EdgeBelowMin,
        Self::SizeBelowMinNotional,
        Self::SizeExposureCap,
        Self::OvertradeSymbolWindow,
        Self::OvertradeCooldown,
        Self::OvertradeLossStreak,
        Self::OvertradeDayLimit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::HistoryInsufficient => "HISTORY_INSUFFICIENT",
            Self::RegimeNoTrade => "REGIME_NO_TRADE",
            Self::SignalNone => "SIGNAL_NONE",
            Self::SpreadUnhealthy => "SPREAD_UNHEALTHY",
            Self::ExitSanityFailed => "EXIT_SANITY_FAILED",
            Self::EdgeBelowMin => "EDGE_BELOW_MIN",
            Self::SizeBelowMinNotional => "SIZE_BELOW_MIN_NOTIONAL",
            Self::SizeExposureCap => "SIZE_EXPOSURE_CAP",
            Self::OvertradeSymbolWindow => "OVERTRADE_SYMBOL_WINDOW",
            Self::OvertradeCooldown => "OVERTRADE_COOLDOWN",
            Self::OvertradeLossStreak => "OVERTRADE_LOSS_STREAK",
            Self::OvertradeDayLimit => "OVERTRADE_DAY_LIMIT",
        }
    }
}

impl std::fmt::Display for BlockReason {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_name_equals_as_str_for_every_reason() {
        for reason in BlockReason::ALL {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason.as_str()));
        }
    }
}
