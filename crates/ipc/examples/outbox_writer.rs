use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::Context;
use livespot_domain::{AuditEvent, AuditEventType, CorrelationIds, ProcessRole};
use livespot_ipc::{DurableMessage, Outbox};

const FIRST_TS_MS: i64 = 1_764_000_000_000;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(
        args.next()
            .context("usage: outbox_writer <outbox path> <count>")?,
    );
    let count: i64 = args.next().context("missing count")?.parse()?;
    let mut outbox = Outbox::open(&path, ProcessRole::Risk)?;
    for offset in 0..count {
        let event = AuditEvent::new(
            AuditEventType::ProcessHealth,
            FIRST_TS_MS + offset,
            ProcessRole::Risk,
            CorrelationIds::default(),
        );
        outbox.push(&DurableMessage::AuditEvent(event))?;
    }
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "pushed {count}")?;
    stdout.flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(())
}
