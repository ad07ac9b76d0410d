use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::AuditError;
use crate::day::{day_index, utc_day_of_index};
use crate::store::WrittenEvent;

pub fn logs_dir(var_dir: &Path) -> PathBuf {
    var_dir.join("logs")
}

pub fn jsonl_path(logs_dir: &Path, day: &str) -> PathBuf {
    logs_dir.join(format!("audit-{day}.jsonl"))
}

#[derive(Debug, Serialize)]
pub struct JsonlLine<'a> {
    pub event_id: i64,
    pub ts_ms: i64,
    pub event_type: &'a str,
    pub sender: &'a str,
    pub seq: u64,
    pub source: &'a str,
    pub run_id: Option<&'a str>,
    pub cycle_id: Option<&'a str>,
    pub snapshot_id: Option<&'a str>,
    pub decision_id: Option<&'a str>,
    pub order_intent_id: Option<&'a str>,
    pub reason_codes: &'a [String],
    pub event_hash: &'a str,
}

impl<'a> JsonlLine<'a> {
    pub fn from_written(written: &'a WrittenEvent) -> Self {
        let record = &written.record;
        Self {
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
        }
    }
}

pub fn encode_line(buffer: &mut Vec<u8>, written: &WrittenEvent) -> Result<(), AuditError> {
    let encode = |error: serde_json::Error| AuditError::Encode {
        detail: error.to_string(),
    };
    serde_json::to_writer(&mut *buffer, &JsonlLine::from_written(written)).map_err(encode)?;
    buffer.pop();
    buffer.extend_from_slice(b",\"payload\":");
    let payload = written
        .trail_payload
        .as_deref()
        .unwrap_or(&written.record.payload_json);
    buffer.extend_from_slice(payload.as_bytes());
    buffer.extend_from_slice(b"}\n");
    Ok(())
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
            encode_line(&mut self.line, written)?;
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
