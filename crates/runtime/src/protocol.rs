use livespot_domain::{ReasonCode, SysMode};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::RuntimeError;

pub const MAX_CONTROL_LINE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChildReport {
    Ready { pid: u32 },
    Heartbeat { seq: u64 },
    Endpoint { name: String, url: String },
    ConditionRaised { reason: ReasonCode, detail: String },
    CleanCycle { reason: ReasonCode },
    Stopping { reason: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LauncherCommand {
    ModeChanged {
        mode: SysMode,
        reasons: Vec<ReasonCode>,
    },
    Shutdown {
        reason: String,
    },
}

pub fn encode_line<T: Serialize>(message: &T) -> Result<String, RuntimeError> {
    let mut line = serde_json::to_string(message).map_err(|error| RuntimeError::ControlEncode {
        detail: error.to_string(),
    })?;
    line.push('\n');
    Ok(line)
}

pub fn decode_line<T: DeserializeOwned>(line: &str) -> Result<T, RuntimeError> {
    if line.len() > MAX_CONTROL_LINE_BYTES {
        return Err(RuntimeError::ControlDecode {
            detail: format!("line of {} bytes over the limit", line.len()),
        });
    }
    serde_json::from_str(line.trim()).map_err(|error| RuntimeError::ControlDecode {
        detail: error.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_round_trip_as_single_lines() {
        let report = ChildReport::ConditionRaised {
            reason: ReasonCode::WsStaleDegrade,
            detail: "btc stream silent".to_owned(),
        };
        let line = encode_line(&report).unwrap();
        assert_eq!(line.matches('\n').count(), 1);
        assert!(line.contains("WS_STALE_DEGRADE"));
        assert_eq!(decode_line::<ChildReport>(&line).unwrap(), report);
    }

    #[test]
    fn commands_round_trip() {
        let command = LauncherCommand::ModeChanged {
            mode: SysMode::Pause,
            reasons: vec![ReasonCode::CrashLoopPause],
        };
        let line = encode_line(&command).unwrap();
        assert_eq!(decode_line::<LauncherCommand>(&line).unwrap(), command);
    }

    #[test]
    fn garbage_and_oversized_lines_are_errors() {
        assert!(decode_line::<ChildReport>("not json").is_err());
        let huge = "x".repeat(MAX_CONTROL_LINE_BYTES + 1);
        assert!(decode_line::<ChildReport>(&huge).is_err());
    }
}
