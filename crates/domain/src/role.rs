use crate::text_enum::text_enum;

text_enum!(ProcessRole, ContractUnknownVariant, {
    Launch => "launch",
    Marketdata => "marketdata",
    Strategy => "strategy",
    Risk => "risk",
    Executor => "executor",
    Audit => "audit",
    Panel => "panel",
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReasonCode;

    #[test]
    fn roles_are_lowercase_and_round_trip() {
        assert_eq!(ProcessRole::ALL.len(), 7);
        for role in ProcessRole::ALL {
            let json = serde_json::to_string(role).unwrap();
            assert_eq!(json, format!("\"{}\"", role.as_str()));
            assert_eq!(serde_json::from_str::<ProcessRole>(&json).unwrap(), *role);
            assert_eq!(role.as_str().to_lowercase(), role.as_str());
        }
        assert_eq!(
            "Risk".parse::<ProcessRole>().unwrap_err().reason,
            ReasonCode::ContractUnknownVariant
        );
    }
}
