use std::fmt::Display;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn new() -> Self {
        Self(Vec::new())
    }

    #[must_use]
    pub fn with(mut self, key: &str, value: impl Display) -> Self {
        self.push(key, value);
        self
    }

    #[must_use]
    pub fn with_opt<T: Display>(mut self, key: &str, value: Option<T>) -> Self {
        if let Some(value) = value {
            self.push(key, value);
        }
        self
    }

    pub fn push(&mut self, key: &str, value: impl Display) {
        self.0.push((key.to_owned(), value.to_string()));
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.0
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}
