use std::fmt;

use zeroize::Zeroizing;

pub const REDACTED: &str = "[REDACTED]";
pub const OPENAI_API_KEY_ENV: &str = "OPENAI_API_KEY";

#[derive(Clone)]
pub struct ApiKey(Zeroizing<String>);

impl ApiKey {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Zeroizing::new(secret.into()))
    }

    pub fn from_env() -> Option<Self> {
        std::env::var(OPENAI_API_KEY_ENV)
            .ok()
            .filter(|value| !value.trim().is_empty())
            .map(Self::new)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    pub fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(self.0.as_str(), REDACTED)
        }
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey({REDACTED})")
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "sk-canary-0123456789abcdef";

    #[test]
    fn debug_and_display_never_show_the_key() {
        let key = ApiKey::new(CANARY);
        assert!(!format!("{key:?}").contains(CANARY));
        assert!(!format!("{key}").contains(CANARY));
        assert!(!format!("{:#?}", Some(key.clone())).contains(CANARY));
        assert_eq!(key.expose(), CANARY);
    }

    #[test]
    fn redact_replaces_every_occurrence() {
        let key = ApiKey::new(CANARY);
        let text = format!("auth {CANARY} and again {CANARY}");
        let clean = key.redact(&text);
        assert!(!clean.contains(CANARY));
        assert_eq!(clean.matches(REDACTED).count(), 2);
    }
}
