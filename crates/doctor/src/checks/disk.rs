use std::path::Path;

use livespot_audit::{DiskFree, DiskThresholds};
use livespot_config::DiskConfig;
use livespot_domain::ReasonCode;

use crate::CheckResult;

pub const NAME: &str = "disk_free";
const MIB: u64 = 1024 * 1024;

pub fn check(disk: &DiskConfig, var_dir: &Path, source: &dyn DiskFree) -> CheckResult {
    let thresholds = DiskThresholds::from_mib(disk.degrade_free_mib, disk.pause_free_mib);
    let Some(free) = source.free_bytes(var_dir) else {
        return CheckResult::warn(
            NAME,
            ReasonCode::DoctorDiskUnmeasured,
            format!("free space of {} could not be measured", var_dir.display()),
            "check that var/ exists on a mounted local file system",
        );
    };
    let detail = format!(
        "{} MiB free (DEGRADE below {} MiB, PAUSE below {} MiB)",
        free / MIB,
        disk.degrade_free_mib,
        disk.pause_free_mib
    );
    let fix = "free space on the volume holding var/ or move var/ to a larger one";
    if free < thresholds.pause_below_bytes {
        CheckResult::fail(NAME, ReasonCode::DiskLowPause, detail, fix)
    } else if free < thresholds.degrade_below_bytes {
        CheckResult::warn(NAME, ReasonCode::DiskLowDegrade, detail, fix)
    } else {
        CheckResult::pass(NAME, detail)
    }
}

#[cfg(test)]
mod tests {
    use livespot_audit::FixedDiskFree;

    use super::*;
    use crate::CheckStatus;

    #[test]
    fn thresholds_map_to_pass_warn_fail() {
        let disk = livespot_config::Config::shipped().unwrap().disk;
        let at = |mib: u64| check(&disk, Path::new("."), &FixedDiskFree::new(mib * MIB));
        assert_eq!(at(disk.degrade_free_mib).status, CheckStatus::Pass);
        let low = at(disk.degrade_free_mib - 1);
        assert_eq!(
            (low.status, low.reason_code),
            (CheckStatus::Warn, ReasonCode::DiskLowDegrade)
        );
        let critical = at(disk.pause_free_mib - 1);
        assert_eq!(
            (critical.status, critical.reason_code),
            (CheckStatus::Fail, ReasonCode::DiskLowPause)
        );
    }
}
