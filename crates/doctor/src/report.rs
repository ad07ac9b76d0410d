use livespot_domain::ReasonCode;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum CheckStatus {
    #[serde(rename = "PASS")]
    Pass,
    #[serde(rename = "WARN")]
    Warn,
    #[serde(rename = "FAIL")]
    Fail,
}

impl CheckStatus {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Pass => "PASS",
            Self::Warn => "WARN",
            Self::Fail => "FAIL",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub name: &'static str,
    pub status: CheckStatus,
    pub reason_code: ReasonCode,
    pub detail: String,
    pub fix: String,
}

impl CheckResult {
    pub fn pass(name: &'static str, detail: impl Into<String>) -> Self {
        Self {
            name,
            status: CheckStatus::Pass,
            reason_code: ReasonCode::DoctorCheckPassed,
            detail: detail.into(),
            fix: String::new(),
        }
    }

    pub fn warn(
        name: &'static str,
        reason_code: ReasonCode,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            name,
            status: CheckStatus::Warn,
            reason_code,
            detail: detail.into(),
            fix: fix.into(),
        }
    }

    pub fn fail(
        name: &'static str,
        reason_code: ReasonCode,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            name,
            status: CheckStatus::Fail,
            reason_code,
            detail: detail.into(),
            fix: fix.into(),
        }
    }

    pub fn warn_or_fail(
        fail: bool,
        name: &'static str,
        reason_code: ReasonCode,
        detail: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        if fail {
            Self::fail(name, reason_code, detail, fix)
        } else {
            Self::warn(name, reason_code, detail, fix)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub overall: CheckStatus,
    pub config_hash: Option<String>,
    pub checks: Vec<CheckResult>,
}

impl Report {
    pub fn new(config_hash: Option<String>, checks: Vec<CheckResult>) -> Self {
        let overall = checks
            .iter()
            .map(|check| check.status)
            .max()
            .unwrap_or(CheckStatus::Pass);
        Self {
            overall,
            config_hash,
            checks,
        }
    }

    pub fn check(&self, name: &str) -> Option<&CheckResult> {
        self.checks.iter().find(|check| check.name == name)
    }

    pub fn failed(&self) -> bool {
        self.overall == CheckStatus::Fail
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|error| {
            format!(
                "{{\"overall\":\"FAIL\",\"encode_error\":{:?}}}",
                error.to_string()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overall_is_the_worst_status() {
        let report = Report::new(
            None,
            vec![
                CheckResult::pass("a", "ok"),
                CheckResult::warn("b", ReasonCode::DoctorSecretMissing, "x", "y"),
            ],
        );
        assert_eq!(report.overall, CheckStatus::Warn);
        assert!(!report.failed());
        let failing = Report::new(
            None,
            vec![CheckResult::fail(
                "c",
                ReasonCode::DoctorStoreMissing,
                "x",
                "y",
            )],
        );
        assert!(failing.failed());
    }

    #[test]
    fn json_has_the_agreed_keys_and_status_strings() {
        let report = Report::new(
            Some("abc".to_owned()),
            vec![CheckResult::warn(
                "secrets",
                ReasonCode::DoctorSecretMissing,
                "absent",
                "store it",
            )],
        );
        let value: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(value["overall"], "WARN");
        assert_eq!(value["config_hash"], "abc");
        let check = &value["checks"][0];
        assert_eq!(check["name"], "secrets");
        assert_eq!(check["status"], "WARN");
        assert_eq!(check["reason_code"], "DOCTOR_SECRET_MISSING");
        assert_eq!(check["detail"], "absent");
        assert_eq!(check["fix"], "store it");
    }
}
