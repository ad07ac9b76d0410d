use std::str::FromStr;

use livespot_domain::ReasonCode;

use crate::ConfigError;

pub fn known_reason_code(key: &str, code: &str) -> Result<ReasonCode, ConfigError> {
    ReasonCode::from_str(code).map_err(|_| ConfigError::UnknownKey {
        key: key.to_owned(),
        at: String::new(),
        allowed:
            "fail_policy keys must be known ReasonCode names (livespot-domain ReasonCode::ALL)"
                .to_owned(),
    })
}
