use core::str::FromStr;

use rust_decimal::Decimal;

use crate::{ContractViolation, ReasonCode};

pub fn parse_decimal(kind: &str, text: &str) -> Result<Decimal, ContractViolation> {
    if !is_plain_decimal(text) {
        return Err(ContractViolation::new(
            ReasonCode::DecimalParseFailed,
            kind,
            format!("{text:?} is not a plain decimal"),
        ));
    }
    Decimal::from_str(text).map_err(|error| {
        ContractViolation::new(
            ReasonCode::DecimalParseFailed,
            kind,
            format!("{text:?}: {error}"),
        )
    })
}

fn is_plain_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next();
    let digits_only = |part: &str| part.chars().all(|c| c.is_ascii_digit());
    !whole.is_empty()
        && digits_only(whole)
        && fraction.is_none_or(|f| !f.is_empty() && digits_only(f))
}

pub fn check_not_negative(kind: &str, value: Decimal) -> Result<Decimal, ContractViolation> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(ContractViolation::new(
            ReasonCode::MoneyNegative,
            kind,
            format!("{value} is negative"),
        ));
    }
    Ok(value)
}

macro_rules! decimal_newtype {
    ($name:ident, $check:path) => {
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            ::serde::Serialize,
            ::serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(::rust_decimal::Decimal);

        impl $name {
            pub const ZERO: $name = $name(::rust_decimal::Decimal::ZERO);

            pub fn new(value: ::rust_decimal::Decimal) -> Result<Self, $crate::ContractViolation> {
                $check(stringify!($name), value).map(Self)
            }

            pub fn parse(text: &str) -> Result<Self, $crate::ContractViolation> {
                let value = $crate::money::decimal_newtype::parse_decimal(stringify!($name), text)?;
                Self::new(value)
            }

            pub const fn value(self) -> ::rust_decimal::Decimal {
                self.0
            }

            pub fn is_positive(self) -> bool {
                self.0 > ::rust_decimal::Decimal::ZERO
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::ContractViolation;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0.to_string()
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::ContractViolation;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.0, formatter)
            }
        }
    };
}

pub(crate) use decimal_newtype;

#[expect(
    clippy::unnecessary_wraps,
    reason = "shares the signature of the other decimal checks used by decimal_newtype"
)]
pub fn any_sign(_kind: &str, value: Decimal) -> Result<Decimal, ContractViolation> {
    Ok(value)
}
