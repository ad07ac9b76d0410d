mod codes;

pub use codes::ReasonCode;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::str::FromStr;

    use super::ReasonCode;

    fn is_screaming_snake(text: &str) -> bool {
        !text.is_empty()
            && !text.starts_with('_')
            && !text.ends_with('_')
            && !text.contains("__")
            && text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
    }

    #[test]
    fn every_code_round_trips_through_as_str_from_str_and_json() {
        for code in ReasonCode::ALL {
            let text = code.as_str();
            assert!(is_screaming_snake(text), "{text}");
            assert_eq!(ReasonCode::from_str(text).ok(), Some(*code));
            assert_eq!(code.to_string(), text);
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<ReasonCode>(&json).unwrap(), *code);
        }
    }

    #[test]
    fn every_code_round_trips_through_bincode() {
        let config = bincode::config::standard();
        for code in ReasonCode::ALL {
            let bytes = bincode::serde::encode_to_vec(code, config).unwrap();
            let (back, _): (ReasonCode, usize) =
                bincode::serde::decode_from_slice(&bytes, config).unwrap();
            assert_eq!(back, *code);
        }
    }

    #[test]
    fn names_are_unique() {
        let names: HashSet<&str> = ReasonCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), ReasonCode::ALL.len());
    }

    #[test]
    fn unknown_strings_are_rejected() {
        for text in [
            "",
            "ws_stale_degrade",
            "WS_STALE",
            "NOT_A_CODE",
            " WS_STALE_DEGRADE",
        ] {
            let refused = ReasonCode::from_str(text).unwrap_err();
            assert_eq!(refused.reason, ReasonCode::ReasonCodeUnknown);
            assert!(serde_json::from_str::<ReasonCode>(&format!("\"{text}\"")).is_err());
        }
        assert!(serde_json::from_str::<ReasonCode>("3").is_err());
    }

    #[test]
    fn operator_documented_codes_are_present() {
        for text in [
            "WS_STALE_DEGRADE",
            "REST_STALE_DEGRADE",
            "DISK_LOW_DEGRADE",
            "DISK_LOW_PAUSE",
            "DRIFT_LIMIT_EXCEEDED",
            "PAUSE_NEEDS_MANUAL_PROTECTION",
            "PROTECTION_INSTALL_FAILED",
            "EDGE_BELOW_MIN",
            "AI_TIMEOUT",
            "AI_MODIFY_RISK_INCREASE",
            "RISK_DAILY_LOSS_LIMIT",
            "RISK_SYS_MODE_NOT_NORMAL",
        ] {
            assert!(ReasonCode::from_str(text).is_ok(), "{text}");
        }
    }
}
