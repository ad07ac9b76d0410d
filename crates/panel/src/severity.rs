use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Severity {
    Crit,
    Warn,
    Info,
}

impl Severity {
    pub const ALL: [Self; 3] = [Self::Crit, Self::Warn, Self::Info];

    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Crit => "CRIT",
            Self::Warn => "WARN",
            Self::Info => "INFO",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|severity| severity.as_str().eq_ignore_ascii_case(text))
    }

    pub fn from_code_name(reason_code: &str) -> Self {
        if reason_code.ends_with("_PAUSE") || reason_code.ends_with("_FAILED") {
            Self::Crit
        } else if reason_code.ends_with("_DEGRADE") {
            Self::Warn
        } else {
            Self::Info
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_names_without_policy_fall_back_by_suffix() {
        assert_eq!(Severity::from_code_name("DISK_LOW_PAUSE"), Severity::Crit);
        assert_eq!(
            Severity::from_code_name("PROTECTION_INSTALL_FAILED"),
            Severity::Crit
        );
        assert_eq!(Severity::from_code_name("WS_STALE_DEGRADE"), Severity::Warn);
        assert_eq!(Severity::from_code_name("EDGE_BELOW_MIN"), Severity::Info);
    }

    #[test]
    fn parses_severity_text_case_insensitively() {
        assert_eq!(Severity::parse("crit"), Some(Severity::Crit));
        assert_eq!(Severity::parse("WARN"), Some(Severity::Warn));
        assert_eq!(Severity::parse("loud"), None);
    }
}
