use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::thread::JoinHandle;

use crate::AuditError;
use crate::checkpoint::{CheckpointKind, run_checkpoint_kind};
use crate::fault_board::FaultBoard;
use crate::stats::WriterStats;
use crate::store::open_writer_connection;

pub const CHECKPOINT_REQUESTS_PENDING: usize = 1;

#[derive(Debug)]
pub(crate) struct Checkpointer {
    requests: SyncSender<CheckpointKind>,
    thread: JoinHandle<()>,
}

impl Checkpointer {
    pub(crate) fn spawn(
        db_path: PathBuf,
        stats: Arc<WriterStats>,
        board: Arc<FaultBoard>,
    ) -> Result<Self, AuditError> {
        let conn = open_writer_connection(&db_path)?;
        let (requests, pending) = sync_channel(CHECKPOINT_REQUESTS_PENDING);
        let thread = std::thread::Builder::new()
            .name("audit-checkpoint".to_owned())
            .spawn(move || serve_requests(&conn, &db_path, &pending, &stats, &board))
            .map_err(|error| AuditError::Write {
                detail: error.to_string(),
            })?;
        Ok(Self { requests, thread })
    }

    pub(crate) fn request(&self, kind: CheckpointKind) {
        match kind {
            CheckpointKind::None => {}
            CheckpointKind::Truncate => {
                if self.requests.send(kind).is_err() {
                    tracing::error!(reason = "AUDIT_CHECKPOINT_FAILED", "checkpoint thread gone");
                }
            }
            _ => match self.requests.try_send(kind) {
                Ok(()) | Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {}
            },
        }
    }

    pub(crate) fn stop(self) {
        drop(self.requests);
        if self.thread.join().is_err() {
            tracing::error!(
                reason = "AUDIT_CHECKPOINT_FAILED",
                "checkpoint thread ended abnormally"
            );
        }
    }
}

fn serve_requests(
    conn: &rusqlite::Connection,
    db_path: &std::path::Path,
    pending: &Receiver<CheckpointKind>,
    stats: &WriterStats,
    board: &FaultBoard,
) {
    while let Ok(kind) = pending.recv() {
        match run_checkpoint_kind(conn, db_path, kind) {
            Ok(_) => board.set_checkpoint(None),
            Err(error) => {
                stats.record_write_error();
                tracing::error!(reason = error.reason_code(), %error, "WAL checkpoint failed");
                board.set_checkpoint(Some(error));
            }
        }
    }
}
