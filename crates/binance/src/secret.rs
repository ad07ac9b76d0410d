use std::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop};

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ApiSecret(String);

impl ApiSecret {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiSecret(<redacted>)")
    }
}

impl fmt::Display for ApiSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Clone, Debug)]
pub struct Credentials {
    pub api_key: ApiKey,
    pub api_secret: ApiSecret,
}

impl Credentials {
    pub fn new(api_key: ApiKey, api_secret: ApiSecret) -> Self {
        Self {
            api_key,
            api_secret,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_and_display_never_show_the_secret_or_key() {
        let creds = Credentials::new(
            ApiKey::new("CANARYKEY123"),
            ApiSecret::new("CANARYSECRET456"),
        );
        let shown = format!("{creds:?} {} {}", creds.api_secret, creds.api_key);
        assert!(!shown.contains("CANARYSECRET456"));
        assert!(!shown.contains("CANARYKEY123"));
        assert!(shown.contains("redacted"));
    }

    #[test]
    fn zeroize_clears_the_secret_bytes() {
        let mut secret = ApiSecret::new("abc");
        secret.zeroize();
        assert!(secret.expose_bytes().is_empty());
    }
}
