use crate::{ContractViolation, ReasonCode};

pub fn check_id_text(kind: &str, text: &str, max_len: usize) -> Result<(), ContractViolation> {
    if text.is_empty() {
        return Err(ContractViolation::new(
            ReasonCode::IdEmpty,
            kind,
            "empty id",
        ));
    }
    if text.len() > max_len {
        return Err(ContractViolation::new(
            ReasonCode::IdTooLong,
            kind,
            format!("{} chars, at most {max_len}", text.len()),
        ));
    }
    match text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        Some(bad) => Err(ContractViolation::new(
            ReasonCode::IdInvalidChar,
            kind,
            format!("character {bad:?} is outside [A-Za-z0-9_-]"),
        )),
        None => Ok(()),
    }
}

macro_rules! checked_id {
    ($name:ident, $max_len:expr) => {
        #[derive(
            Debug,
            Clone,
            PartialEq,
            Eq,
            Hash,
            PartialOrd,
            Ord,
            ::serde::Serialize,
            ::serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_LEN: usize = $max_len;

            pub fn new(text: impl Into<String>) -> Result<Self, $crate::ContractViolation> {
                let text = text.into();
                $crate::ids::checked::check_id_text(stringify!($name), &text, $max_len)?;
                Ok(Self(text))
            }

            pub fn parse(text: &str) -> Result<Self, $crate::ContractViolation> {
                Self::new(text)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::ContractViolation;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::new(text)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::ContractViolation;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::new(text)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(&self.0)
            }
        }
    };
}

pub(crate) use checked_id;
