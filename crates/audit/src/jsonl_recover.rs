use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use crate::AuditError;

const TAIL_WINDOW_BYTES: u64 = 1024 * 1024;

pub fn trail_files(logs_dir: &Path) -> Result<Vec<std::path::PathBuf>, AuditError> {
    let entries = std::fs::read_dir(logs_dir).map_err(|error| jsonl_error(logs_dir, &error))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let named_audit = path
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("audit-"));
            let is_jsonl = path
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("jsonl"));
            named_audit && is_jsonl
        })
        .collect();
    files.sort();
    Ok(files)
}

pub fn last_event_id_in_trail(logs_dir: &Path) -> Result<i64, AuditError> {
    let mut last = 0;
    for path in trail_files(logs_dir)? {
        last = last.max(repair_tail_and_read_last_id(&path)?);
    }
    Ok(last)
}

fn repair_tail_and_read_last_id(path: &Path) -> Result<i64, AuditError> {
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .map_err(|error| jsonl_error(path, &error))?;
    let len = file
        .metadata()
        .map_err(|error| jsonl_error(path, &error))?
        .len();
    let start = len.saturating_sub(TAIL_WINDOW_BYTES);
    file.seek(SeekFrom::Start(start))
        .map_err(|error| jsonl_error(path, &error))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)
        .map_err(|error| jsonl_error(path, &error))?;
    let complete = tail
        .iter()
        .rposition(|byte| *byte == b'\n')
        .map_or(0, |pos| pos + 1);
    if complete < tail.len() && (complete > 0 || start == 0) {
        let keep = start + u64::try_from(complete).unwrap_or(0);
        file.set_len(keep)
            .map_err(|error| jsonl_error(path, &error))?;
    }
    let body = tail.get(..complete).unwrap_or_default();
    let last_line = body
        .split(|byte| *byte == b'\n')
        .rfind(|line| !line.is_empty())
        .unwrap_or_default();
    Ok(event_id_of_line(last_line))
}

fn event_id_of_line(line: &[u8]) -> i64 {
    serde_json::from_slice::<serde_json::Value>(line)
        .ok()
        .and_then(|value| value.get("event_id").and_then(serde_json::Value::as_i64))
        .unwrap_or(0)
}

fn jsonl_error(path: &Path, error: &std::io::Error) -> AuditError {
    AuditError::Jsonl {
        path: path.display().to_string(),
        detail: error.to_string(),
    }
}
