use std::path::{Path, PathBuf};

use livespot_domain::ReasonCode;

use crate::platform::{create_private_dir, is_private_dir};

pub const LIVE_LOCK_FILE: &str = "LIVE.ok";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveRefusal {
    pub reason: ReasonCode,
    pub check: &'static str,
    pub detail: String,
}

#[derive(Debug, Clone)]
pub struct LiveChecklist {
    pub live_flag: bool,
    pub require_lock_file: bool,
    pub var_dir: PathBuf,
    pub socket_dir: PathBuf,
}

impl LiveChecklist {
    pub fn refusals(&self) -> Vec<LiveRefusal> {
        let mut refusals = Vec::new();
        if !self.live_flag {
            refusals.push(refusal(
                ReasonCode::LiveFlagMissing,
                "live_flag",
                "--live was not given",
            ));
        }
        let lock = self.var_dir.join(LIVE_LOCK_FILE);
        if self.require_lock_file && !lock.is_file() {
            refusals.push(refusal(
                ReasonCode::LiveLockFileMissing,
                "lock_file",
                &format!("{} does not exist", lock.display()),
            ));
        }
        if let Err(detail) = check_writable(&self.var_dir) {
            refusals.push(refusal(
                ReasonCode::LiveChecklistFailed,
                "var_writable",
                &detail,
            ));
        }
        if let Err(detail) = check_socket_dir(&self.socket_dir) {
            refusals.push(refusal(
                ReasonCode::LiveChecklistFailed,
                "socket_dir_private",
                &detail,
            ));
        }
        refusals
    }
}

pub fn refusal(reason: ReasonCode, check: &'static str, detail: &str) -> LiveRefusal {
    LiveRefusal {
        reason,
        check,
        detail: detail.to_owned(),
    }
}

pub fn executor_secrets_check(bin_dir: &Path, config: &Path) -> Vec<LiveRefusal> {
    let executor = bin_dir.join(format!("livespot-executor{}", std::env::consts::EXE_SUFFIX));
    let outcome = std::process::Command::new(&executor)
        .arg("--check-secrets")
        .arg("--config")
        .arg(config)
        .stdin(std::process::Stdio::null())
        .output();
    match outcome {
        Ok(output) if output.status.success() => Vec::new(),
        Ok(output) => vec![refusal(
            ReasonCode::LiveChecklistFailed,
            "secrets_present",
            String::from_utf8_lossy(&output.stdout).trim(),
        )],
        Err(error) => vec![refusal(
            ReasonCode::LiveChecklistFailed,
            "secrets_present",
            &format!("{}: {error}", executor.display()),
        )],
    }
}

fn check_writable(var_dir: &Path) -> Result<(), String> {
    let probe = var_dir.join(format!(".write-probe-{}", std::process::id()));
    std::fs::write(&probe, b"probe").map_err(|error| format!("{}: {error}", var_dir.display()))?;
    std::fs::remove_file(&probe).map_err(|error| format!("{}: {error}", probe.display()))
}

fn check_socket_dir(socket_dir: &Path) -> Result<(), String> {
    create_private_dir(socket_dir).map_err(|error| format!("{}: {error}", socket_dir.display()))?;
    if is_private_dir(socket_dir) {
        Ok(())
    } else {
        Err(format!("{} is readable by others", socket_dir.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checklist(dir: &Path) -> LiveChecklist {
        LiveChecklist {
            live_flag: true,
            require_lock_file: true,
            var_dir: dir.to_path_buf(),
            socket_dir: dir.join("run").join("sockets"),
        }
    }

    #[test]
    fn missing_lock_file_is_refused_with_its_reason_code() {
        let dir = tempfile::tempdir().unwrap();
        let reasons: Vec<_> = checklist(dir.path())
            .refusals()
            .iter()
            .map(|r| r.reason)
            .collect();
        assert_eq!(reasons, vec![ReasonCode::LiveLockFileMissing]);
    }

    #[test]
    fn lock_file_present_and_writable_var_passes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LIVE_LOCK_FILE), b"ok").unwrap();
        assert!(checklist(dir.path()).refusals().is_empty());
    }

    #[test]
    fn policy_can_relax_the_lock_file_but_not_the_flag() {
        let dir = tempfile::tempdir().unwrap();
        let mut list = checklist(dir.path());
        list.require_lock_file = false;
        assert!(list.refusals().is_empty());
        list.live_flag = false;
        assert_eq!(list.refusals()[0].reason, ReasonCode::LiveFlagMissing);
    }

    #[cfg(unix)]
    #[test]
    fn socket_dir_is_made_private() {
        let dir = tempfile::tempdir().unwrap();
        let list = checklist(dir.path());
        assert!(
            list.refusals()
                .iter()
                .all(|r| r.check != "socket_dir_private")
        );
        assert!(is_private_dir(&list.socket_dir));
    }
}
