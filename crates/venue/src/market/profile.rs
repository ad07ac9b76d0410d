use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MarketProfile {
    Calm,
    #[default]
    Trending,
    Volatile,
    Choppy,
}

impl MarketProfile {
    pub fn parse(text: &str) -> Option<Self> {
        match text.to_ascii_uppercase().as_str() {
            "CALM" => Some(Self::Calm),
            "TRENDING" => Some(Self::Trending),
            "VOLATILE" => Some(Self::Volatile),
            "CHOPPY" => Some(Self::Choppy),
            _ => None,
        }
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Calm => "CALM",
            Self::Trending => "TRENDING",
            Self::Volatile => "VOLATILE",
            Self::Choppy => "CHOPPY",
        }
    }

    pub const fn shape(self) -> ProfileShape {
        match self {
            Self::Calm => ProfileShape {
                volatility_x100: 70,
                trend_drift_x100: 12,
                trend_minutes: (120, 300),
                range_minutes: (180, 480),
                up_trend_odds_x100: 55,
                shock_odds_per_minute: 2_880,
                opens_in_up_trend: false,
            },
            Self::Trending => ProfileShape {
                volatility_x100: 110,
                trend_drift_x100: 12,
                trend_minutes: (240, 480),
                range_minutes: (120, 360),
                up_trend_odds_x100: 60,
                shock_odds_per_minute: 1_440,
                opens_in_up_trend: true,
            },
            Self::Volatile => ProfileShape {
                volatility_x100: 250,
                trend_drift_x100: 15,
                trend_minutes: (60, 240),
                range_minutes: (60, 240),
                up_trend_odds_x100: 50,
                shock_odds_per_minute: 240,
                opens_in_up_trend: false,
            },
            Self::Choppy => ProfileShape {
                volatility_x100: 100,
                trend_drift_x100: 0,
                trend_minutes: (0, 0),
                range_minutes: (600, 1_440),
                up_trend_odds_x100: 50,
                shock_odds_per_minute: 1_440,
                opens_in_up_trend: false,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileShape {
    pub volatility_x100: i64,
    pub trend_drift_x100: i64,
    pub trend_minutes: (u64, u64),
    pub range_minutes: (u64, u64),
    pub up_trend_odds_x100: u64,
    pub shock_odds_per_minute: u64,
    pub opens_in_up_trend: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolProfile {
    pub start_price: Decimal,
    pub quote_volume_24h: Decimal,
    pub minute_volatility_bps: i64,
}

pub fn symbol_profile(symbol: &str) -> Option<SymbolProfile> {
    let (start_price, millions_24h, minute_volatility_bps) = match symbol {
        "BTCUSDT" => (Decimal::from(65_000), 1_500, 5),
        "ETHUSDT" => (Decimal::from(3_500), 1_000, 6),
        "BNBUSDT" => (Decimal::from(600), 400, 5),
        "SOLUSDT" => (Decimal::from(150), 500, 8),
        "XRPUSDT" => (Decimal::new(6, 1), 250, 7),
        _ => return None,
    };
    Some(SymbolProfile {
        start_price,
        quote_volume_24h: Decimal::from(millions_24h) * Decimal::from(1_000_000),
        minute_volatility_bps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_round_trip_and_unknown_names_are_refused() {
        for profile in [
            MarketProfile::Calm,
            MarketProfile::Trending,
            MarketProfile::Volatile,
            MarketProfile::Choppy,
        ] {
            assert_eq!(MarketProfile::parse(profile.as_str()), Some(profile));
        }
        assert_eq!(
            MarketProfile::parse("trending"),
            Some(MarketProfile::Trending)
        );
        assert_eq!(MarketProfile::parse("SIDEWAYS"), None);
    }

    #[test]
    fn every_default_symbol_has_a_liquid_profile() {
        for symbol in ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"] {
            let profile = symbol_profile(symbol).unwrap();
            assert!(profile.quote_volume_24h >= Decimal::from(100_000_000));
            assert!((3..=12).contains(&profile.minute_volatility_bps));
        }
        assert_eq!(symbol_profile("DOGEUSDT"), None);
    }
}
