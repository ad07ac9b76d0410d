use std::path::Path;

use livespot_domain::ReasonCode;
use serde::Deserialize;

use crate::live_locks::{LiveRefusal, refusal};

const DOCTOR_FAIL: &str = "FAIL";

#[derive(Debug, Deserialize)]
struct DoctorReport {
    overall: String,
    checks: Vec<DoctorCheck>,
}

#[derive(Debug, Deserialize)]
struct DoctorCheck {
    name: String,
    status: String,
    reason_code: String,
    detail: String,
}

pub fn doctor_checklist(bin_dir: &Path, config: &Path, var_dir: &Path) -> Vec<LiveRefusal> {
    let doctor = bin_dir.join(format!("livespot-doctor{}", std::env::consts::EXE_SUFFIX));
    let outcome = std::process::Command::new(&doctor)
        .args(["--live-checklist", "--json", "--config"])
        .arg(config)
        .arg("--var")
        .arg(var_dir)
        .stdin(std::process::Stdio::null())
        .output();
    match outcome {
        Ok(output) => refusals_from_doctor_json(&String::from_utf8_lossy(&output.stdout)),
        Err(error) => vec![refusal(
            ReasonCode::LiveChecklistFailed,
            "doctor",
            &format!("{}: {error}", doctor.display()),
        )],
    }
}

pub fn refusals_from_doctor_json(stdout: &str) -> Vec<LiveRefusal> {
    let report: DoctorReport = match serde_json::from_str(stdout.trim()) {
        Ok(report) => report,
        Err(error) => {
            return vec![refusal(
                ReasonCode::LiveChecklistFailed,
                "doctor",
                &format!("unreadable doctor report: {error}"),
            )];
        }
    };
    let failed: Vec<LiveRefusal> = report
        .checks
        .iter()
        .filter(|check| check.status == DOCTOR_FAIL)
        .map(failed_check)
        .collect();
    if failed.is_empty() && report.overall == DOCTOR_FAIL {
        return vec![refusal(
            ReasonCode::LiveChecklistFailed,
            "doctor",
            "the doctor reported FAIL without naming a check",
        )];
    }
    failed
}

fn failed_check(check: &DoctorCheck) -> LiveRefusal {
    let reason = check
        .reason_code
        .parse::<ReasonCode>()
        .unwrap_or(ReasonCode::LiveChecklistFailed);
    refusal(
        reason,
        "doctor",
        &format!("{}: {}", check.name, check.detail),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(overall: &str, checks: &str) -> String {
        format!(r#"{{"overall":"{overall}","config_hash":"x","checks":[{checks}]}}"#)
    }

    #[test]
    fn every_failed_doctor_check_becomes_a_refusal_with_its_reason_code() {
        let checks = concat!(
            r#"{"name":"api_key_permissions","status":"FAIL","reason_code":"LIVE_KEY_CAN_WITHDRAW","detail":"withdrawals enabled","fix":"x"},"#,
            r#"{"name":"dotenv","status":"WARN","reason_code":"DOCTOR_DOTENV_SECRETS","detail":"plaintext","fix":"x"},"#,
            r#"{"name":"clock_offset","status":"FAIL","reason_code":"NOT_A_CODE","detail":"skew","fix":"x"}"#
        );
        let refusals = refusals_from_doctor_json(&report("FAIL", checks));
        let reasons: Vec<ReasonCode> = refusals.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            vec![
                ReasonCode::LiveKeyCanWithdraw,
                ReasonCode::LiveChecklistFailed
            ]
        );
        assert!(refusals[0].detail.starts_with("api_key_permissions: "));
    }

    #[test]
    fn a_passing_or_warning_report_refuses_nothing() {
        let checks = r#"{"name":"dotenv","status":"WARN","reason_code":"DOCTOR_DOTENV_SECRETS","detail":"d","fix":"f"}"#;
        assert!(refusals_from_doctor_json(&report("WARN", checks)).is_empty());
    }

    #[test]
    fn an_unreadable_report_or_an_unexplained_fail_refuses() {
        assert_eq!(refusals_from_doctor_json("not json").len(), 1);
        assert_eq!(refusals_from_doctor_json(&report("FAIL", "")).len(), 1);
    }
}
