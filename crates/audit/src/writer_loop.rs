use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use tokio::sync::{mpsc, watch};

use crate::AuditError;
use crate::chain_hasher::{ChainHasher, Speculation};
use crate::checkpointer::Checkpointer;
use crate::fault_board::FaultBoard;
use crate::queue::Submission;
use crate::stats::WriterStats;
use crate::store::{StoreWriter, WrittenEvent};
use crate::trail_follower::TrailFollower;

pub const BACKLOG_COMMIT_FACTOR: usize = 8;

pub const TRAIL_PIPELINE_BATCHES: usize = 2;

pub(crate) struct WriterParts {
    pub store: StoreWriter,
    pub follower: TrailFollower,
    pub batch_size: usize,
    pub stats: Arc<WriterStats>,
    pub faults: watch::Sender<Option<AuditError>>,
}

pub(crate) fn run_writer_loop(parts: WriterParts, mut rx: mpsc::UnboundedReceiver<Submission>) {
    let WriterParts {
        mut store,
        follower,
        batch_size,
        stats,
        faults,
    } = parts;
    let board = Arc::new(FaultBoard::new(faults));
    let checkpointer = Checkpointer::spawn(
        store.path().to_path_buf(),
        Arc::clone(&stats),
        Arc::clone(&board),
    );
    let (trail_tx, trail_rx) = sync_channel(TRAIL_PIPELINE_BATCHES);
    let (recycle_tx, recycled) = sync_channel(TRAIL_PIPELINE_BATCHES);
    let trail_parts = TrailParts {
        batches: trail_rx,
        recycle: recycle_tx,
        stats: Arc::clone(&stats),
        board: Arc::clone(&board),
    };
    let trail_thread = spawn_trail(follower, trail_parts);
    let hasher = spawn_hasher();
    let mut batch: Vec<Submission> = Vec::new();
    let commit_limit = batch_size.saturating_mul(BACKLOG_COMMIT_FACTOR);
    while let Some(first) = rx.blocking_recv() {
        let mut events = first.records.len();
        batch.push(first);
        while events < commit_limit {
            let Ok(next) = rx.try_recv() else { break };
            events += next.records.len();
            batch.push(next);
        }
        stats.set_queued(events as u64);
        let sinks = Sinks {
            stats: &stats,
            board: &board,
            trail: &trail_tx,
            checkpointer: checkpointer.as_ref().ok(),
            hasher: hasher.as_ref(),
        };
        let buffer = recycled.try_recv().unwrap_or_default();
        commit_and_reply(&mut store, &mut batch, buffer, &sinks);
    }
    drop(trail_tx);
    stop_helpers(checkpointer, trail_thread, hasher);
}

fn spawn_hasher() -> Option<ChainHasher> {
    ChainHasher::spawn()
        .inspect_err(|error| {
            tracing::warn!(reason = error.reason_code(), %error, "chain hashes computed on the writer thread");
        })
        .ok()
}

fn stop_helpers(
    checkpointer: Result<Checkpointer, AuditError>,
    trail_thread: TrailThread,
    hasher: Option<ChainHasher>,
) {
    if let Some(hasher) = hasher {
        hasher.stop();
    }
    match checkpointer {
        Ok(checkpointer) => checkpointer.stop(),
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "checkpoint thread not started");
        }
    }
    match trail_thread.map(std::thread::JoinHandle::join) {
        Ok(Ok(())) => {}
        Ok(Err(_)) => {
            tracing::error!(
                reason = "AUDIT_WRITE_FAILED",
                "JSONL trail thread ended abnormally"
            );
        }
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "JSONL trail thread not started");
        }
    }
}

type TrailThread = Result<std::thread::JoinHandle<()>, AuditError>;

struct TrailParts {
    batches: Receiver<Vec<WrittenEvent>>,
    recycle: SyncSender<Vec<WrittenEvent>>,
    stats: Arc<WriterStats>,
    board: Arc<FaultBoard>,
}

fn spawn_trail(mut follower: TrailFollower, parts: TrailParts) -> TrailThread {
    let TrailParts {
        batches,
        recycle,
        stats,
        board,
    } = parts;
    std::thread::Builder::new()
        .name("audit-trail".to_owned())
        .spawn(move || {
            while let Ok(mut written) = batches.recv() {
                match follower.extend(&written) {
                    Ok(()) => board.set_trail(None),
                    Err(error) => {
                        stats.record_write_error();
                        tracing::error!(reason = error.reason_code(), %error, "JSONL trail behind the store");
                        board.set_trail(Some(error));
                    }
                }
                written.clear();
                drop(recycle.try_send(written));
            }
        })
        .map_err(|error| AuditError::Write {
            detail: error.to_string(),
        })
}

struct Sinks<'a> {
    stats: &'a WriterStats,
    board: &'a FaultBoard,
    trail: &'a SyncSender<Vec<WrittenEvent>>,
    checkpointer: Option<&'a Checkpointer>,
    hasher: Option<&'a ChainHasher>,
}

fn speculate(
    hasher: Option<&ChainHasher>,
    store: &StoreWriter,
    batch: &[Submission],
) -> Option<Speculation> {
    let canonicals = batch
        .iter()
        .flat_map(|submission| submission.records.iter())
        .map(crate::PreparedEvent::shared_canonical)
        .collect();
    hasher?.speculate(&store.head().head_hash, canonicals)
}

fn commit(
    store: &mut StoreWriter,
    batch: &mut [Submission],
    buffer: Vec<WrittenEvent>,
    sinks: &Sinks<'_>,
) -> Result<crate::BatchOutcome, AuditError> {
    let speculation = speculate(sinks.hasher, store, batch);
    let records = batch
        .iter_mut()
        .flat_map(|submission| submission.records.drain(..));
    match sinks.checkpointer {
        Some(checkpointer) => store
            .commit_reusing(records, buffer, speculation)
            .inspect(|_| {
                checkpointer.request(store.checkpoint_due());
            }),
        None => store.commit_prepared(records.collect()),
    }
}

fn commit_and_reply(
    store: &mut StoreWriter,
    batch: &mut Vec<Submission>,
    mut buffer: Vec<WrittenEvent>,
    sinks: &Sinks<'_>,
) {
    let Sinks {
        stats,
        board,
        trail,
        ..
    } = *sinks;
    let oldest = batch
        .first()
        .map_or_else(Instant::now, |first| first.enqueued_at);
    let submitted_events: usize = batch.iter().map(|submission| submission.len).sum();
    let submitted = submitted_events as u64;
    buffer.reserve(submitted_events);
    match commit(store, batch, buffer, sinks) {
        Ok(outcome) => {
            let lag_ms = u64::try_from(oldest.elapsed().as_millis()).unwrap_or(u64::MAX);
            let written = outcome.written.len() as u64;
            stats.record_batch(written, submitted - written, lag_ms);
            board.set_store(None);
            let mut acks = outcome.acks.into_iter();
            for submission in batch.drain(..) {
                let mine: Vec<_> = acks.by_ref().take(submission.len).collect();
                drop(submission.permits);
                drop(submission.reply.send(Ok(mine)));
            }
            if !outcome.written.is_empty() && trail.send(outcome.written).is_err() {
                stats.record_write_error();
                board.set_trail(Some(AuditError::QueueClosed));
            }
        }
        Err(error) => {
            stats.record_write_error();
            tracing::error!(reason = error.reason_code(), %error, "audit batch not committed");
            board.set_store(Some(error.clone()));
            for submission in batch.drain(..) {
                drop(submission.permits);
                drop(submission.reply.send(Err(error.clone())));
            }
        }
    }
}
