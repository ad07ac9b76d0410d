use serde_json::json;

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: u16,
    pub code: i64,
    pub msg: String,
    pub retry_after_secs: Option<u64>,
    pub data: Option<serde_json::Value>,
}

impl ApiError {
    pub fn new(status: u16, code: i64, msg: impl Into<String>) -> Self {
        Self {
            status,
            code,
            msg: msg.into(),
            retry_after_secs: None,
            data: None,
        }
    }

    pub fn bad(code: i64, msg: impl Into<String>) -> Self {
        Self::new(400, code, msg)
    }

    pub fn filter(name: &str) -> Self {
        Self::bad(-1013, format!("Filter failure: {name}"))
    }

    pub fn rejected(msg: &str) -> Self {
        Self::bad(-2010, msg)
    }

    pub fn mandatory(param: &str) -> Self {
        Self::bad(
            -1102,
            format!("Mandatory parameter '{param}' was not sent, was empty/null, or malformed."),
        )
    }

    pub fn illegal(param: &str) -> Self {
        Self::bad(
            -1100,
            format!(
                "Illegal characters found in parameter '{param}'; legal range is '^([0-9]{{1,20}})(\\.[0-9]{{1,20}})?$'."
            ),
        )
    }

    pub fn invalid_symbol() -> Self {
        Self::bad(-1121, "Invalid symbol.")
    }

    pub fn unknown_order() -> Self {
        Self::bad(-2011, "Unknown order sent.")
    }

    pub fn no_such_order() -> Self {
        Self::bad(-2013, "Order does not exist.")
    }

    pub fn insufficient_balance() -> Self {
        Self::rejected("Account has insufficient balance for requested action.")
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_secs = Some(seconds);
        self
    }

    pub fn with_data(mut self, data: serde_json::Value) -> Self {
        self.data = Some(data);
        self
    }

    pub fn json(&self) -> serde_json::Value {
        match &self.data {
            Some(data) => json!({"code": self.code, "msg": self.msg, "data": data}),
            None => json!({"code": self.code, "msg": self.msg}),
        }
    }

    pub fn body(&self) -> String {
        self.json().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_has_code_and_msg() {
        let body: serde_json::Value =
            serde_json::from_str(&ApiError::filter("LOT_SIZE").body()).unwrap();
        assert_eq!(body["code"], -1013);
        assert_eq!(body["msg"], "Filter failure: LOT_SIZE");
    }
}
