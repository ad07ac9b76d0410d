use crate::{CheckStatus, Report};

const NAME_WIDTH: usize = 20;
const REASON_WIDTH: usize = 30;

pub fn render_table(report: &Report) -> String {
    let hash = report.config_hash.as_deref().unwrap_or("-");
    let mut lines = vec![
        format!(
            "livespot-doctor: overall {} (config sha256 {hash})",
            report.overall.as_str()
        ),
        format!(
            "{:<6} {:<NAME_WIDTH$} {:<REASON_WIDTH$} DETAIL",
            "STATUS", "CHECK", "REASON"
        ),
    ];
    for check in &report.checks {
        lines.push(format!(
            "{:<6} {:<NAME_WIDTH$} {:<REASON_WIDTH$} {}",
            check.status.as_str(),
            check.name,
            check.reason_code.as_str(),
            check.detail
        ));
        if check.status != CheckStatus::Pass && !check.fix.is_empty() {
            lines.push(format!("{:<6} {:<NAME_WIDTH$} fix: {}", "", "", check.fix));
        }
    }
    lines.push(String::new());
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use livespot_domain::ReasonCode;

    use super::*;
    use crate::CheckResult;

    #[test]
    fn table_shows_each_check_and_the_fix_of_a_failure() {
        let report = Report::new(
            Some("abc".to_owned()),
            vec![
                CheckResult::pass("config", "valid"),
                CheckResult::fail(
                    "audit_chain",
                    ReasonCode::AuditChainBroken,
                    "row 3 altered",
                    "restore it",
                ),
            ],
        );
        let table = render_table(&report);
        assert!(table.starts_with("livespot-doctor: overall FAIL (config sha256 abc)"));
        assert!(table.contains("PASS   config"));
        assert!(table.contains("AUDIT_CHAIN_BROKEN"));
        assert!(table.contains("fix: restore it"));
        assert!(!table.contains("fix: \n"));
    }
}
