use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::AuditError;
use crate::canonical::{push_i64, push_json_str, push_list, push_u64};
use crate::day::{day_index, utc_day_of_index};
use crate::store::WrittenEvent;

pub fn logs_dir(var_dir: &Path) -> PathBuf {
    var_dir.join("logs")
}

pub fn jsonl_path(logs_dir: &Path, day: &str) -> PathBuf {
    logs_dir.join(format!("audit-{day}.jsonl"))
}

fn push_key(buffer: &mut Vec<u8>, key: &[u8]) {
    buffer.extend_from_slice(b",\"");
    buffer.extend_from_slice(key);
    buffer.extend_from_slice(b"\":");
}

fn push_optional_field(buffer: &mut Vec<u8>, key: &[u8], text: Option<&str>) {
    push_key(buffer, key);
    match text {
        Some(text) => push_json_str(buffer, text),
        None => buffer.extend_from_slice(b"null"),
    }
}

fn push_text_field(buffer: &mut Vec<u8>, key: &[u8], text: &str) {
    push_key(buffer, key);
    push_json_str(buffer, text);
}

pub fn encode_line(buffer: &mut Vec<u8>, written: &WrittenEvent) {
    let record = &written.record;
    let ids = &record.ids;
    buffer.extend_from_slice(b"{\"event_id\":");
    push_i64(buffer, written.event_id);
    push_key(buffer, b"ts_ms");
    push_i64(buffer, record.ts_ms);
    push_text_field(buffer, b"event_type", &record.event_type);
    push_text_field(buffer, b"sender", &record.sender);
    push_key(buffer, b"seq");
    push_u64(buffer, record.seq);
    push_text_field(buffer, b"source", &record.source);
    push_optional_field(buffer, b"run_id", ids.run_id.as_deref());
    push_optional_field(buffer, b"cycle_id", ids.cycle_id.as_deref());
    push_optional_field(buffer, b"snapshot_id", ids.snapshot_id.as_deref());
    push_optional_field(buffer, b"decision_id", ids.decision_id.as_deref());
    push_optional_field(buffer, b"order_intent_id", ids.order_intent_id.as_deref());
    push_key(buffer, b"reason_codes");
    push_list(buffer, &record.reason_codes);
    push_text_field(buffer, b"event_hash", &written.event_hash);
    push_key(buffer, b"payload");
    let payload = written
        .trail_payload
        .as_deref()
        .unwrap_or(&record.payload_json);
    buffer.extend_from_slice(payload.as_bytes());
    buffer.extend_from_slice(b"}\n");
}

#[derive(Debug)]
pub struct JsonlTrail {
    logs_dir: PathBuf,
    current: Option<(i64, String, BufWriter<File>)>,
    line: Vec<u8>,
}

impl JsonlTrail {
    pub fn open(var_dir: &Path) -> Result<Self, AuditError> {
        let logs_dir = logs_dir(var_dir);
        std::fs::create_dir_all(&logs_dir).map_err(|error| AuditError::Jsonl {
            path: logs_dir.display().to_string(),
            detail: error.to_string(),
        })?;
        Ok(Self {
            logs_dir,
            current: None,
            line: Vec::with_capacity(1024),
        })
    }

    pub fn append(&mut self, events: &[WrittenEvent]) -> Result<(), AuditError> {
        for written in events {
            let day = day_index(written.record.ts_ms);
            self.line.clear();
            encode_line(&mut self.line, written);
            let line = std::mem::take(&mut self.line);
            let result = self.writer_for(day)?.write_all(&line);
            self.line = line;
            result.map_err(|error| self.io_error(&utc_day_of_index(day), &error))?;
        }
        self.flush()
    }

    pub fn flush(&mut self) -> Result<(), AuditError> {
        if let Some((_, day, writer)) = self.current.as_mut() {
            let day = day.clone();
            writer
                .flush()
                .map_err(|error| self.io_error(&day, &error))?;
        }
        Ok(())
    }

    fn writer_for(&mut self, day_index: i64) -> Result<&mut BufWriter<File>, AuditError> {
        let reuse = self
            .current
            .as_ref()
            .is_some_and(|(open_day, _, _)| *open_day == day_index);
        if !reuse {
            self.flush()?;
            let day = utc_day_of_index(day_index);
            let path = jsonl_path(&self.logs_dir, &day);
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .map_err(|error| self.io_error(&day, &error))?;
            self.current = Some((day_index, day, BufWriter::with_capacity(256 * 1024, file)));
        }
        let logs_dir = &self.logs_dir;
        self.current
            .as_mut()
            .map(|(_, _, writer)| writer)
            .ok_or_else(|| {
                let day = utc_day_of_index(day_index);
                trail_io_error(logs_dir, &day, &std::io::Error::other("trail not open"))
            })
    }

    fn io_error(&self, day: &str, error: &std::io::Error) -> AuditError {
        trail_io_error(&self.logs_dir, day, error)
    }
}

fn trail_io_error(logs_dir: &Path, day: &str, error: &std::io::Error) -> AuditError {
    let detail = error.to_string();
    let path = jsonl_path(logs_dir, day).display().to_string();
    if error.kind() == std::io::ErrorKind::StorageFull {
        return AuditError::DiskFull {
            detail: format!("{path}: {detail}"),
        };
    }
    AuditError::Jsonl { path, detail }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;
    use crate::record::sample_record;

    #[derive(Serialize)]
    struct SerdeLine<'a> {
        event_id: i64,
        ts_ms: i64,
        event_type: &'a str,
        sender: &'a str,
        seq: u64,
        source: &'a str,
        run_id: Option<&'a str>,
        cycle_id: Option<&'a str>,
        snapshot_id: Option<&'a str>,
        decision_id: Option<&'a str>,
        order_intent_id: Option<&'a str>,
        reason_codes: &'a [String],
        event_hash: &'a str,
    }

    fn serde_line(written: &WrittenEvent) -> String {
        let record = &written.record;
        let head = serde_json::to_string(&SerdeLine {
            event_id: written.event_id,
            ts_ms: record.ts_ms,
            event_type: &record.event_type,
            sender: &record.sender,
            seq: record.seq,
            source: &record.source,
            run_id: record.ids.run_id.as_deref(),
            cycle_id: record.ids.cycle_id.as_deref(),
            snapshot_id: record.ids.snapshot_id.as_deref(),
            decision_id: record.ids.decision_id.as_deref(),
            order_intent_id: record.ids.order_intent_id.as_deref(),
            reason_codes: &record.reason_codes,
            event_hash: &written.event_hash,
        })
        .unwrap();
        let payload = written
            .trail_payload
            .as_deref()
            .unwrap_or(&record.payload_json);
        format!("{},\"payload\":{payload}}}\n", &head[..head.len() - 1])
    }

    #[test]
    fn lines_carry_the_same_fields_in_the_same_order_as_the_serde_encoding() {
        let mut record = sample_record("risk", 9, "RISK_VERDICT");
        record.payload_json = r#"{"approved":true,"note":"a \"quoted\" word"}"#.to_owned();
        record.reason_codes = vec!["RISK_COOLDOWN".to_owned(), "X\"Y".to_owned()];
        record.ids.order_intent_id = Some("oi-\u{1}".to_owned());
        record.ts_ms = -3;
        let mut written = WrittenEvent {
            event_id: 77,
            event_hash: "ab".repeat(32),
            record,
            trail_payload: None,
        };
        for trail_payload in [None, Some(r#"{"secret":"[REDACTED]"}"#.to_owned())] {
            written.trail_payload = trail_payload;
            let mut line = Vec::new();
            encode_line(&mut line, &written);
            let text = String::from_utf8(line).unwrap();
            assert_eq!(text, serde_line(&written));
            let parsed: serde_json::Value = serde_json::from_str(text.trim_end()).unwrap();
            assert_eq!(parsed["event_id"], 77);
        }
    }
}
