use crate::rest::params::Params;
use reqwest::Method;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    Public,
    Signed,
}

#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    pub path: &'static str,
    pub params: Params,
    pub weight: u64,
    pub security: Security,
    pub places_order: bool,
}

impl Call {
    pub fn public(path: &'static str, weight: u64, params: Params) -> Self {
        Self {
            method: Method::GET,
            path,
            params,
            weight,
            security: Security::Public,
            places_order: false,
        }
    }

    pub fn signed(method: Method, path: &'static str, weight: u64, params: Params) -> Self {
        Self {
            method,
            path,
            params,
            weight,
            security: Security::Signed,
            places_order: false,
        }
    }

    #[must_use]
    pub fn placing_order(mut self) -> Self {
        self.places_order = true;
        self
    }

    pub fn is_read_only(&self) -> bool {
        self.method == Method::GET
    }
}
