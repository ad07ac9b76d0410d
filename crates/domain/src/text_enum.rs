use core::fmt;
use core::marker::PhantomData;
use core::str::FromStr;

use serde::de::{self, Visitor};

use crate::ContractViolation;

pub struct TextVisitor<T> {
    kind: &'static str,
    target: PhantomData<T>,
}

impl<T> TextVisitor<T> {
    pub const fn new(kind: &'static str) -> Self {
        Self {
            kind,
            target: PhantomData,
        }
    }
}

impl<T: FromStr<Err = ContractViolation>> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "a known {} name", self.kind)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        T::from_str(text).map_err(E::custom)
    }
}

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $unknown:ident, { $($variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::ContractViolation;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::ContractViolation::new(
                        $crate::ReasonCode::$unknown,
                        stringify!($name),
                        format!("unknown name {text:?}"),
                    )),
                }
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str($crate::text_enum::TextVisitor::<$name>::new(stringify!($name)))
            }
        }
    };
}

pub(crate) use text_enum;
