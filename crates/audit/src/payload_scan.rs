use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::redact::{has_sensitive_key, is_sensitive};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Field<'a> {
    Text(Cow<'a, str>),
    Other(Value),
}

#[derive(Debug, Default)]
pub(crate) struct ScannedPayload<'a> {
    pub sensitive: bool,
    pub wanted: Vec<(Cow<'a, str>, Field<'a>)>,
}

pub(crate) fn scan_payload<'a>(
    payload_json: &'a str,
    wanted: &dyn Fn(&str) -> bool,
) -> serde_json::Result<ScannedPayload<'a>> {
    let mut deserializer = serde_json::Deserializer::from_str(payload_json);
    let scanned = TopLevel { wanted }.deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(scanned)
}

struct KeyText<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = KeyText<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an object key")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(KeyText(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(KeyText(Cow::Owned(text.to_owned())))
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, flag: bool) -> Result<Self::Value, E> {
        Ok(Field::Other(Value::Bool(flag)))
    }

    fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<Self::Value, E> {
        Ok(Field::Other(Value::from(number)))
    }

    fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<Self::Value, E> {
        Ok(Field::Other(Value::from(number)))
    }

    fn visit_f64<E: serde::de::Error>(self, number: f64) -> Result<Self::Value, E> {
        Ok(Field::Other(
            serde_json::Number::from_f64(number).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Field::Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Field::Text(Cow::Owned(text.to_owned())))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(items)).map(Field::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, entries: A) -> Result<Self::Value, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(entries)).map(Field::Other)
    }
}

struct SensitiveKeys(bool);

impl<'de> Deserialize<'de> for SensitiveKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(SensitiveVisitor)
    }
}

struct SensitiveVisitor;

impl<'de> Visitor<'de> for SensitiveVisitor {
    type Value = SensitiveKeys;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(SensitiveKeys(false))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Self::Value, A::Error> {
        let mut found = false;
        while let Some(SensitiveKeys(inner)) = items.next_element()? {
            found |= inner;
        }
        Ok(SensitiveKeys(found))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut found = false;
        while let Some(KeyText(key)) = entries.next_key()? {
            let SensitiveKeys(inner) = entries.next_value()?;
            found |= inner || is_sensitive(&key);
        }
        Ok(SensitiveKeys(found))
    }
}

struct TopLevel<'w> {
    wanted: &'w dyn Fn(&str) -> bool,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = ScannedPayload<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = ScannedPayload<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(ScannedPayload::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, items: A) -> Result<Self::Value, A::Error> {
        let SensitiveKeys(sensitive) = SensitiveVisitor.visit_seq(items)?;
        Ok(ScannedPayload {
            sensitive,
            wanted: Vec::new(),
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
        let mut scanned = ScannedPayload::default();
        while let Some(KeyText(key)) = entries.next_key()? {
            scanned.sensitive |= is_sensitive(&key);
            if (self.wanted)(&key) {
                let field: Field<'de> = entries.next_value()?;
                if let Field::Other(value) = &field {
                    scanned.sensitive |= has_sensitive_key(value);
                }
                scanned.wanted.push((key, field));
            } else {
                let SensitiveKeys(inner) = entries.next_value()?;
                scanned.sensitive |= inner;
            }
        }
        Ok(scanned)
    }
}
