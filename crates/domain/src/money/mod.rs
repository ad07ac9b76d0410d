pub(crate) mod decimal_newtype;
mod score;

use rust_decimal::Decimal;

use decimal_newtype::{any_sign, check_not_negative, decimal_newtype};

pub use score::Score;

decimal_newtype!(Price, check_not_negative);
decimal_newtype!(Quantity, check_not_negative);
decimal_newtype!(Notional, check_not_negative);
decimal_newtype!(Bps, any_sign);

impl Notional {
    pub fn of(price: Price, quantity: Quantity) -> Notional {
        Notional(price.value() * quantity.value())
    }
}

impl Bps {
    pub const ONE_HUNDRED_PERCENT: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

    pub fn as_fraction(self) -> Decimal {
        self.0 / Self::ONE_HUNDRED_PERCENT
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;
    use crate::ReasonCode;

    #[test]
    fn amounts_refuse_negative_values_on_every_path() {
        assert_eq!(
            Price::new(dec!(-1)).unwrap_err().reason,
            ReasonCode::MoneyNegative
        );
        assert_eq!(
            Quantity::parse("-0.1").unwrap_err().reason,
            ReasonCode::MoneyNegative
        );
        assert_eq!(
            Notional::parse("-5").unwrap_err().reason,
            ReasonCode::MoneyNegative
        );
        assert!(serde_json::from_str::<Price>("\"-2\"").is_err());
        assert_eq!(Price::parse("0").unwrap(), Price::ZERO);
        assert_eq!(Bps::parse("-12.5").unwrap().value(), dec!(-12.5));
    }

    #[test]
    fn malformed_text_is_refused() {
        for bad in [
            "",
            " 1",
            "1 ",
            "abc",
            "1,5",
            "1e3",
            "1_000",
            "+1",
            ".5",
            "5.",
            "1.2.3",
            "--1",
            "NaN",
            "99999999999999999999999999999999",
        ] {
            assert_eq!(
                Price::parse(bad).unwrap_err().reason,
                ReasonCode::DecimalParseFailed,
                "{bad}"
            );
        }
        assert!(serde_json::from_str::<Price>("1.5").is_err());
    }

    #[test]
    fn decimals_serialize_as_strings_and_keep_scale() {
        let price = Price::parse("27000.10").unwrap();
        assert_eq!(serde_json::to_string(&price).unwrap(), "\"27000.10\"");
        let back: Price = serde_json::from_str("\"27000.10\"").unwrap();
        assert_eq!(back.to_string(), "27000.10");
    }

    #[test]
    fn decimals_round_trip_through_bincode() {
        let config = bincode::config::standard();
        let quantity = Quantity::parse("0.00012345").unwrap();
        let bytes = bincode::serde::encode_to_vec(quantity, config).unwrap();
        let (back, _): (Quantity, usize) =
            bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back, quantity);
        let bps = Bps::parse("-3.5").unwrap();
        let bytes = bincode::serde::encode_to_vec(bps, config).unwrap();
        let (back, _): (Bps, usize) = bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back, bps);
    }

    #[test]
    fn notional_is_price_times_quantity() {
        let notional = Notional::of(
            Price::parse("100.5").unwrap(),
            Quantity::parse("2").unwrap(),
        );
        assert_eq!(notional.value(), dec!(201.0));
        assert_eq!(Bps::parse("25").unwrap().as_fraction(), dec!(0.0025));
    }
}
