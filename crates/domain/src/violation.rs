use serde::{Deserialize, Serialize};

use crate::ReasonCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{reason} at {field}: {detail}")]
pub struct ContractViolation {
    pub reason: ReasonCode,
    pub field: String,
    pub detail: String,
}

impl ContractViolation {
    pub fn new(reason: ReasonCode, field: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            reason,
            field: field.into(),
            detail: detail.into(),
        }
    }

    #[must_use]
    pub fn within(mut self, parent: &str) -> Self {
        self.field = format!("{parent}.{}", self.field);
        self
    }
}

pub trait Validate {
    fn validate(&self) -> Result<(), ContractViolation>;
}

pub fn require(
    holds: bool,
    reason: ReasonCode,
    field: &str,
    detail: impl FnOnce() -> String,
) -> Result<(), ContractViolation> {
    if holds {
        Ok(())
    } else {
        Err(ContractViolation::new(reason, field, detail()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_prefixes_the_parent_field() {
        let violation = ContractViolation::new(ReasonCode::ContractPriceNotPositive, "price", "0")
            .within("entry");
        assert_eq!(violation.field, "entry.price");
        assert_eq!(violation.reason, ReasonCode::ContractPriceNotPositive);
    }

    #[test]
    fn require_reports_the_given_reason_only_when_false() {
        assert!(require(true, ReasonCode::ContractFieldEmpty, "x", String::new).is_ok());
        let refused = require(false, ReasonCode::ContractFieldEmpty, "x", || {
            "empty".to_owned()
        });
        assert_eq!(
            refused.map_err(|v| v.reason),
            Err(ReasonCode::ContractFieldEmpty)
        );
    }

    #[test]
    fn display_names_reason_field_and_detail() {
        let violation = ContractViolation::new(ReasonCode::ContractFieldEmpty, "nonce", "empty");
        assert_eq!(
            violation.to_string(),
            "CONTRACT_FIELD_EMPTY at nonce: empty"
        );
    }
}
