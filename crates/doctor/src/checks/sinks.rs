use std::io::Write;
use std::path::Path;

use livespot_domain::ReasonCode;

use crate::CheckResult;

pub const NAME: &str = "audit_sinks";
pub const SINK_DIRS: [&str; 2] = ["logs", "data"];

pub fn check(var_dir: &Path) -> CheckResult {
    let problems: Vec<String> = SINK_DIRS
        .iter()
        .filter_map(|sink| probe_writable(&var_dir.join(sink)).err())
        .collect();
    if problems.is_empty() {
        return CheckResult::pass(NAME, "var/logs and var/data accept writes");
    }
    CheckResult::fail(
        NAME,
        ReasonCode::DoctorSinkUnwritable,
        problems.join("; "),
        "make var/logs and var/data directories writable by the livespot user (chmod u+rwx)",
    )
}

pub fn probe_writable(dir: &Path) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!("{} is not a directory", dir.display()));
    }
    let probe = dir.join(format!(".doctor-probe-{}", std::process::id()));
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
        .and_then(|mut file| file.write_all(b"probe"));
    let removed = std::fs::remove_file(&probe);
    written.map_err(|error| format!("{}: {error}", dir.display()))?;
    removed.map_err(|error| format!("{}: {error}", probe.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    #[test]
    fn writable_sinks_pass_and_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        for sink in SINK_DIRS {
            std::fs::create_dir(dir.path().join(sink)).unwrap();
        }
        assert_eq!(check(dir.path()).status, CheckStatus::Pass);
        assert_eq!(
            std::fs::read_dir(dir.path().join("logs")).unwrap().count(),
            0
        );
    }

    #[test]
    fn a_sink_that_is_a_file_fails() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("logs"), b"not a dir").unwrap();
        let result = check(dir.path());
        assert_eq!(result.status, CheckStatus::Fail);
        assert_eq!(result.reason_code, ReasonCode::DoctorSinkUnwritable);
        assert!(result.detail.contains("logs"), "{}", result.detail);
    }
}
