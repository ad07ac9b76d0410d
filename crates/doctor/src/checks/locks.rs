use std::path::Path;

use livespot_config::LiveConfig;
use livespot_domain::ReasonCode;

use crate::CheckResult;

pub const NAME: &str = "live_locks";

pub fn check(live: &LiveConfig, var_dir: &Path, live_checklist: bool) -> CheckResult {
    let lock = var_dir.join(&live.lock_file);
    if lock.is_file() {
        return CheckResult::pass(NAME, format!("{} present", lock.display()));
    }
    if !live.require_lock_file {
        return CheckResult::pass(
            NAME,
            "lock file not required by policy ([live].require_lock_file = false)",
        );
    }
    CheckResult::warn_or_fail(
        live_checklist,
        NAME,
        ReasonCode::LiveLockFileMissing,
        format!("{} does not exist; --live would refuse", lock.display()),
        format!(
            "create {} once the operator approves LIVE trading",
            lock.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    fn live(require: bool) -> LiveConfig {
        LiveConfig {
            require_lock_file: require,
            lock_file: "LIVE.ok".to_owned(),
            max_clock_offset_ms: 500,
            require_doctor_pass: true,
        }
    }

    #[test]
    fn missing_required_lock_fails_the_live_checklist_and_warns_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let failing = check(&live(true), dir.path(), true);
        assert_eq!(failing.status, CheckStatus::Fail);
        assert_eq!(failing.reason_code, ReasonCode::LiveLockFileMissing);
        assert_eq!(
            check(&live(true), dir.path(), false).status,
            CheckStatus::Warn
        );
    }

    #[test]
    fn present_or_not_required_lock_passes() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            check(&live(false), dir.path(), true).status,
            CheckStatus::Pass
        );
        std::fs::write(dir.path().join("LIVE.ok"), b"ok").unwrap();
        assert_eq!(
            check(&live(true), dir.path(), true).status,
            CheckStatus::Pass
        );
    }
}
