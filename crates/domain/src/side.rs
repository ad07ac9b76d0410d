use crate::text_enum::text_enum;

text_enum!(Side, ContractUnknownVariant, {
    Buy => "BUY",
    Sell => "SELL",
});

impl Side {
    #[must_use]
    pub const fn opposite(self) -> Side {
        match self {
            Side::Buy => Side::Sell,
            Side::Sell => Side::Buy,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReasonCode;

    #[test]
    fn side_uses_binance_names() {
        assert_eq!(serde_json::to_string(&Side::Buy).unwrap(), "\"BUY\"");
        assert_eq!(
            serde_json::from_str::<Side>("\"SELL\"").unwrap(),
            Side::Sell
        );
        assert!(serde_json::from_str::<Side>("\"buy\"").is_err());
        assert_eq!(
            "HOLD".parse::<Side>().unwrap_err().reason,
            ReasonCode::ContractUnknownVariant
        );
        assert_eq!(Side::Buy.opposite(), Side::Sell);
    }
}
