use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::{ContractViolation, ReasonCode};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Symbol(String);

impl Symbol {
    pub const MIN_LEN: usize = 2;
    pub const MAX_LEN: usize = 20;

    pub fn new(text: impl Into<String>) -> Result<Self, ContractViolation> {
        let text = text.into();
        let length_ok = (Self::MIN_LEN..=Self::MAX_LEN).contains(&text.len());
        let chars_ok = text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if length_ok && chars_ok {
            Ok(Self(text))
        } else {
            Err(ContractViolation::new(
                ReasonCode::SymbolInvalid,
                "Symbol",
                format!("{text:?} is not 2..=20 uppercase letters or digits"),
            ))
        }
    }

    pub fn parse(text: &str) -> Result<Self, ContractViolation> {
        Self::new(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Symbol {
    type Error = ContractViolation;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::new(text)
    }
}

impl From<Symbol> for String {
    fn from(symbol: Symbol) -> String {
        symbol.0
    }
}

impl FromStr for Symbol {
    type Err = ContractViolation;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::new(text)
    }
}

impl AsRef<str> for Symbol {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_are_uppercase_alphanumeric() {
        assert_eq!(Symbol::new("BTCUSDT").unwrap().as_str(), "BTCUSDT");
        assert!(Symbol::new("1000SATSUSDT").is_ok());
        for bad in [
            "",
            "B",
            "btcusdt",
            "BTC-USDT",
            "BTC USDT",
            "ABCDEFGHIJKLMNOPQRSTU",
        ] {
            assert_eq!(
                Symbol::new(bad).unwrap_err().reason,
                ReasonCode::SymbolInvalid,
                "{bad}"
            );
            assert!(serde_json::from_str::<Symbol>(&format!("{bad:?}")).is_err());
        }
    }

    #[test]
    fn symbol_round_trips_through_json_and_bincode() {
        let symbol = Symbol::new("ETHUSDT").unwrap();
        assert_eq!(serde_json::to_string(&symbol).unwrap(), "\"ETHUSDT\"");
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(&symbol, config).unwrap();
        let (back, _): (Symbol, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back, symbol);
    }
}
