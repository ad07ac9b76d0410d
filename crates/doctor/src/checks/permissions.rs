use std::path::{Path, PathBuf};

use livespot_domain::ReasonCode;

use super::platform::{GROUP_OR_OTHER_ANY, GROUP_OR_OTHER_WRITE, MODE_BITS_APPLY, mode_of};
use crate::CheckResult;

pub const VAR_NAME: &str = "var_permissions";
pub const SOCKET_NAME: &str = "socket_dirs";

pub fn check_var(var_dir: &Path) -> CheckResult {
    if !MODE_BITS_APPLY {
        return CheckResult::pass(VAR_NAME, "mode bits do not apply on this platform");
    }
    let dirs = [
        var_dir.to_path_buf(),
        var_dir.join("data"),
        var_dir.join("logs"),
        var_dir.join("run"),
    ];
    let mut loose = Vec::new();
    for dir in dirs.iter().filter(|dir| dir.exists()) {
        match mode_of(dir) {
            Some(mode) if mode & GROUP_OR_OTHER_WRITE != 0 => {
                loose.push(format!(
                    "{} is {mode:o} (writable by group or others)",
                    dir.display()
                ));
            }
            Some(_) => {}
            None => loose.push(format!("{}: cannot read its permissions", dir.display())),
        }
    }
    if loose.is_empty() {
        return CheckResult::pass(
            VAR_NAME,
            format!(
                "{} and its sinks are writable only by their owner",
                var_dir.display()
            ),
        );
    }
    CheckResult::fail(
        VAR_NAME,
        ReasonCode::DoctorVarPermissions,
        loose.join("; "),
        "chmod go-w on var/ and its subdirectories",
    )
}

pub fn socket_dirs(var_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(var_dir.join("run")) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}

pub fn check_sockets(var_dir: &Path) -> CheckResult {
    let dirs = socket_dirs(var_dir);
    if !MODE_BITS_APPLY {
        return CheckResult::pass(
            SOCKET_NAME,
            "named pipes; mode bits do not apply on this platform",
        );
    }
    if dirs.is_empty() {
        return CheckResult::pass(
            SOCKET_NAME,
            "no run directory under var/run (no stack running)",
        );
    }
    let open: Vec<String> = dirs
        .iter()
        .filter_map(|dir| match mode_of(dir) {
            Some(mode) if mode & GROUP_OR_OTHER_ANY == 0 => None,
            Some(mode) => Some(format!("{} is {mode:o}", dir.display())),
            None => Some(format!("{}: cannot read its permissions", dir.display())),
        })
        .collect();
    if open.is_empty() {
        return CheckResult::pass(
            SOCKET_NAME,
            format!("{} run directory(ies) are 0700", dirs.len()),
        );
    }
    CheckResult::fail(
        SOCKET_NAME,
        ReasonCode::DoctorSocketDirNotPrivate,
        open.join("; "),
        "chmod 700 the run directory, or stop the stack and remove it",
    )
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use crate::CheckStatus;

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn a_run_directory_readable_by_others_fails() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run").join("run-1");
        std::fs::create_dir_all(&run).unwrap();
        chmod(&run, 0o700);
        assert_eq!(check_sockets(dir.path()).status, CheckStatus::Pass);
        chmod(&run, 0o755);
        let result = check_sockets(dir.path());
        assert_eq!(result.status, CheckStatus::Fail);
        assert_eq!(result.reason_code, ReasonCode::DoctorSocketDirNotPrivate);
    }

    #[test]
    fn a_world_writable_var_fails() {
        let dir = tempfile::tempdir().unwrap();
        chmod(dir.path(), 0o755);
        assert_eq!(check_var(dir.path()).status, CheckStatus::Pass);
        chmod(dir.path(), 0o777);
        let result = check_var(dir.path());
        assert_eq!(result.status, CheckStatus::Fail);
        assert_eq!(result.reason_code, ReasonCode::DoctorVarPermissions);
    }
}
