use std::fmt::Display;

use crate::ConfigError;

pub fn in_range<T: PartialOrd + Display>(
    key: &str,
    value: &T,
    min: &T,
    max: &T,
) -> Result<(), ConfigError> {
    if value >= min && value <= max {
        return Ok(());
    }
    Err(ConfigError::OutOfRange {
        key: key.to_owned(),
        value: value.to_string(),
        allowed: format!("{min}..={max}"),
    })
}

pub fn one_of(key: &str, value: &str, allowed: &[&str]) -> Result<(), ConfigError> {
    if allowed.contains(&value) {
        return Ok(());
    }
    Err(ConfigError::OutOfRange {
        key: key.to_owned(),
        value: format!("{value:?}"),
        allowed: format!("one of {}", allowed.join(", ")),
    })
}

pub fn text_rule(key: &str, value: &str, ok: bool, allowed: &str) -> Result<(), ConfigError> {
    if ok {
        return Ok(());
    }
    Err(ConfigError::OutOfRange {
        key: key.to_owned(),
        value: format!("{value:?}"),
        allowed: allowed.to_owned(),
    })
}

pub fn cross(ok: bool, keys: &[&str], rule: &str) -> Result<(), ConfigError> {
    if ok {
        return Ok(());
    }
    Err(ConfigError::CrossField {
        keys: keys.join(" / "),
        rule: rule.to_owned(),
    })
}

pub fn is_asset_code(text: &str) -> bool {
    (2..=20).contains(&text.len())
        && text
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

pub fn asset_list(key: &str, values: &[String]) -> Result<(), ConfigError> {
    for (index, value) in values.iter().enumerate() {
        text_rule(
            &format!("{key}[{index}]"),
            value,
            is_asset_code(value),
            "2..=20 characters of A-Z and 0-9",
        )?;
    }
    let mut seen: Vec<&String> = Vec::with_capacity(values.len());
    for value in values {
        if seen.contains(&value) {
            return text_rule(key, value, false, "a list without duplicates");
        }
        seen.push(value);
    }
    Ok(())
}

pub fn url_with_scheme(
    key: &str,
    value: &str,
    secure: &str,
    loopback: &str,
) -> Result<(), ConfigError> {
    let secure_ok = value.starts_with(&format!("{secure}://")) && value.len() > secure.len() + 3;
    let loopback_ok = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .any(|host| value.starts_with(&format!("{loopback}://{host}")));
    text_rule(
        key,
        value,
        secure_ok || loopback_ok,
        &format!("a {secure}:// URL, or {loopback}:// on 127.0.0.1, localhost or [::1]"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_range_names_key_and_bounds() {
        let error = in_range("a.b", &7_u32, &1, &5).unwrap_err();
        assert_eq!(
            error.to_string(),
            "CONFIG_OUT_OF_RANGE: a.b = 7 is outside the allowed range 1..=5"
        );
        assert!(in_range("a.b", &5_u32, &1, &5).is_ok());
    }

    #[test]
    fn asset_list_rejects_lowercase_and_duplicates() {
        assert!(asset_list("k", &["USDC".to_owned(), "FDUSD".to_owned()]).is_ok());
        assert_eq!(
            asset_list("k", &["usdc".to_owned()]).unwrap_err().key(),
            "k[0]"
        );
        assert!(asset_list("k", &["DAI".to_owned(), "DAI".to_owned()]).is_err());
    }

    #[test]
    fn url_requires_tls_unless_loopback() {
        assert!(url_with_scheme("k", "https://api.binance.com", "https", "http").is_ok());
        assert!(url_with_scheme("k", "http://127.0.0.1:9000", "https", "http").is_ok());
        assert!(url_with_scheme("k", "http://api.binance.com", "https", "http").is_err());
        assert!(url_with_scheme("k", "wss://", "wss", "ws").is_err());
    }
}
