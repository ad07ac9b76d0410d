use std::path::{Path, PathBuf};

use livespot_runtime::ExitStatus;
use serde::{Deserialize, Serialize};

use crate::LaunchError;

pub const OPERATOR_PAUSE_FILE: &str = "operator-pause.json";
pub const DEFAULT_PAUSE_REASON: &str = "operator pause";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorPause {
    pub reason: String,
    pub requested_at_ms: i64,
}

pub fn operator_pause_path(var_dir: &Path) -> PathBuf {
    var_dir.join("run").join(OPERATOR_PAUSE_FILE)
}

pub fn read_operator_pause(var_dir: &Path) -> Option<OperatorPause> {
    let path = operator_pause_path(var_dir);
    let text = std::fs::read_to_string(&path).ok()?;
    Some(
        serde_json::from_str(&text).unwrap_or_else(|_| OperatorPause {
            reason: DEFAULT_PAUSE_REASON.to_owned(),
            requested_at_ms: 0,
        }),
    )
}

pub fn request_pause(var_dir: &Path, reason: Option<&str>) -> Result<PathBuf, LaunchError> {
    let path = operator_pause_path(var_dir);
    let failed = |detail: String| LaunchError::OperatorPause {
        path: path.display().to_string(),
        detail,
    };
    let pause = OperatorPause {
        reason: reason
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .unwrap_or(DEFAULT_PAUSE_REASON)
            .to_owned(),
        requested_at_ms: now_ms(),
    };
    let text = serde_json::to_string_pretty(&pause).map_err(|e| failed(e.to_string()))?;
    let dir = var_dir.join("run");
    std::fs::create_dir_all(&dir).map_err(|e| failed(e.to_string()))?;
    let staging = dir.join(format!(".{OPERATOR_PAUSE_FILE}.{}", std::process::id()));
    std::fs::write(&staging, text).map_err(|e| failed(e.to_string()))?;
    std::fs::rename(&staging, &path).map_err(|e| failed(e.to_string()))?;
    Ok(path)
}

pub fn request_resume(var_dir: &Path) -> Result<bool, LaunchError> {
    let path = operator_pause_path(var_dir);
    match std::fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(LaunchError::OperatorPause {
            path: path.display().to_string(),
            detail: error.to_string(),
        }),
    }
}

pub fn run_pause(var_dir: &Path, reason: Option<&str>) -> ExitStatus {
    match request_pause(var_dir, reason) {
        Ok(path) => {
            println!(
                "livespot-launch: OPERATOR_PAUSE requested ({}); the running launcher pauses trading on its next tick",
                path.display()
            );
            ExitStatus::Success
        }
        Err(error) => {
            eprintln!("livespot-launch pause: {error}");
            ExitStatus::Failure
        }
    }
}

pub fn run_resume(var_dir: &Path) -> ExitStatus {
    match request_resume(var_dir) {
        Ok(true) => {
            println!(
                "livespot-launch: OPERATOR_PAUSE lifted; NORMAL again once no other condition holds"
            );
            ExitStatus::Success
        }
        Ok(false) => {
            println!("livespot-launch: no operator pause was in effect");
            ExitStatus::Success
        }
        Err(error) => {
            eprintln!("livespot-launch resume: {error}");
            ExitStatus::Failure
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pause_writes_the_file_with_the_reason_and_resume_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_operator_pause(dir.path()), None);
        request_pause(dir.path(), Some("  news at 14:00 ")).unwrap();
        let pause = read_operator_pause(dir.path()).unwrap();
        assert_eq!(pause.reason, "news at 14:00");
        assert!(pause.requested_at_ms > 0);
        assert!(request_resume(dir.path()).unwrap());
        assert_eq!(read_operator_pause(dir.path()), None);
        assert!(!request_resume(dir.path()).unwrap());
    }

    #[test]
    fn a_pause_without_reason_or_with_an_unreadable_file_still_pauses() {
        let dir = tempfile::tempdir().unwrap();
        request_pause(dir.path(), None).unwrap();
        assert_eq!(
            read_operator_pause(dir.path()).unwrap().reason,
            DEFAULT_PAUSE_REASON
        );
        std::fs::write(operator_pause_path(dir.path()), "not json").unwrap();
        assert_eq!(
            read_operator_pause(dir.path()).unwrap().reason,
            DEFAULT_PAUSE_REASON
        );
    }
}
