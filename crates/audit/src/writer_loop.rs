use std::time::Instant;

use tokio::sync::{mpsc, watch};

use crate::AuditError;
use crate::queue::Submission;
use crate::stats::WriterStats;
use crate::writer::AuditWriter;

pub const BACKLOG_COMMIT_FACTOR: usize = 8;

pub(crate) fn run_writer_loop(
    mut writer: AuditWriter,
    mut rx: mpsc::UnboundedReceiver<Submission>,
    batch_size: usize,
    stats: &WriterStats,
    faults: &watch::Sender<Option<AuditError>>,
) {
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
        let mut records = Vec::with_capacity(events);
        for submission in &mut batch {
            records.append(&mut submission.records);
        }
        commit_and_reply(&mut writer, records, &mut batch, stats, faults);
    }
}

fn commit_and_reply(
    writer: &mut AuditWriter,
    records: Vec<crate::EventRecord>,
    batch: &mut Vec<Submission>,
    stats: &WriterStats,
    faults: &watch::Sender<Option<AuditError>>,
) {
    let oldest = batch
        .first()
        .map_or_else(Instant::now, |first| first.enqueued_at);
    let submitted = records.len() as u64;
    match writer.write_owned(records) {
        Ok(outcome) => {
            let lag_ms = u64::try_from(oldest.elapsed().as_millis()).unwrap_or(u64::MAX);
            let written = outcome.written.len() as u64;
            stats.record_batch(written, submitted - written, lag_ms);
            if let Some(error) = &outcome.trail_error {
                stats.record_write_error();
                tracing::error!(reason = error.reason_code(), %error, "JSONL trail behind the store");
                report_fault(faults, Some(error.clone()));
            } else if faults.borrow().is_some() {
                report_fault(faults, None);
            }
            let mut acks = outcome.acks.into_iter();
            for submission in batch.drain(..) {
                let mine: Vec<_> = acks.by_ref().take(submission.len).collect();
                drop(submission.permits);
                drop(submission.reply.send(Ok(mine)));
            }
        }
        Err(error) => {
            stats.record_write_error();
            tracing::error!(reason = error.reason_code(), %error, "audit batch not committed");
            report_fault(faults, Some(error.clone()));
            for submission in batch.drain(..) {
                drop(submission.permits);
                drop(submission.reply.send(Err(error.clone())));
            }
        }
    }
}

fn report_fault(faults: &watch::Sender<Option<AuditError>>, next: Option<AuditError>) {
    faults.send_if_modified(|current| {
        if *current == next {
            return false;
        }
        *current = next;
        true
    });
}
