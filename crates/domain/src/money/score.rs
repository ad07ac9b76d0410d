use core::fmt;

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Score(i64);

impl Score {
    pub const SCALE: i64 = 10_000;
    pub const ZERO: Score = Score(0);
    pub const ONE: Score = Score(Self::SCALE);

    pub const fn from_raw(raw: i64) -> Self {
        Self(raw)
    }

    pub const fn raw(self) -> i64 {
        self.0
    }

    pub const fn is_unit_interval(self) -> bool {
        self.0 >= 0 && self.0 <= Self::SCALE
    }
}

impl fmt::Display for Score {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}x1e-4", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_an_integer_scaled_by_ten_thousand() {
        assert_eq!(Score::ONE.raw(), 10_000);
        assert!(Score::from_raw(7_500).is_unit_interval());
        assert!(!Score::from_raw(10_001).is_unit_interval());
        assert!(!Score::from_raw(-1).is_unit_interval());
        assert_eq!(serde_json::to_string(&Score::from_raw(42)).unwrap(), "42");
        assert!(serde_json::from_str::<Score>("0.5").is_err());
    }
}
