use livespot_domain::{ProcessRole, ReasonCode};
use livespot_ipc::{Endpoint, Listener};
use livespot_runtime::{ChildContext, ChildLink, ExitStatus};

use crate::AuditError;
use crate::disk::{CLEAN_REPORTS_PER_CONDITION, DiskSignal, DiskWatch, OsDiskFree};
use crate::health::HealthMonitor;
use crate::migrate::{audit_db_path, migrate_store};
use crate::queue::{WriterHandle, WriterService};
use crate::self_events::SelfEvents;
use crate::server::serve;
use crate::settings::AuditSettings;
use crate::writer::AuditWriter;

pub async fn run(context: ChildContext) -> ExitStatus {
    match run_audit(context).await {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "audit stopped");
            eprintln!("livespot-audit: {error}");
            match error {
                AuditError::SchemaBehind { .. }
                | AuditError::SchemaAhead { .. }
                | AuditError::StoreOpen { .. } => ExitStatus::Refused,
                _ => ExitStatus::Fatal,
            }
        }
    }
}

fn create_store_on_first_run(db_path: &std::path::Path) -> Result<(), AuditError> {
    if db_path.exists() {
        return Ok(());
    }
    let outcome = migrate_store(db_path)?;
    tracing::info!(path = %db_path.display(), version = outcome.to_version, "audit store created on first run");
    Ok(())
}

fn producers() -> Vec<ProcessRole> {
    ProcessRole::ALL
        .iter()
        .copied()
        .filter(|role| *role != ProcessRole::Audit)
        .collect()
}

async fn run_audit(context: ChildContext) -> Result<(), AuditError> {
    let settings = AuditSettings::from_config(&context.config);
    create_store_on_first_run(&audit_db_path(&context.var_dir))?;
    let writer = AuditWriter::open(&context.var_dir, settings.checkpoint)?;
    let run_id = context.keys.run_id.as_str().to_owned();
    let events = SelfEvents::resume(writer.store().connection(), Some(run_id))?;
    let service = WriterService::spawn(writer, settings.queue)?;
    let endpoint = Endpoint::for_role(&context.var_dir, &context.keys.run_id, ProcessRole::Audit);
    let listener = Listener::bind(
        endpoint.clone(),
        producers(),
        context.keys.ipc.clone(),
        settings.ipc,
    )
    .map_err(|error| AuditError::SinkUnavailable {
        detail: error.to_string(),
    })?;
    tracing::info!(endpoint = %endpoint, "audit listening");
    let shutdown = context.link.shutdown();
    let server = tokio::spawn(serve(
        listener,
        service.handle(),
        settings.server,
        shutdown.child_token(),
    ));
    let db_path = audit_db_path(&context.var_dir);
    let monitor = HealthMonitor::new(
        Box::new(OsDiskFree),
        DiskWatch::new(settings.disk),
        db_path,
        events,
    );
    watch_health(monitor, &service.handle(), &context.link, &settings).await;
    drop(server.await);
    tokio::task::spawn_blocking(move || service.shutdown())
        .await
        .map_err(|error| AuditError::Write {
            detail: error.to_string(),
        })
}

async fn watch_health(
    mut monitor: HealthMonitor,
    handle: &WriterHandle,
    link: &ChildLink,
    settings: &AuditSettings,
) {
    let shutdown = link.shutdown();
    let mut faults = handle.faults();
    let mut ticker = tokio::time::interval(settings.health_interval);
    let mut fault_watch = FaultWatch::default();
    let mut pressure = PressureWatch {
        alert_pct: settings.queue_alert_pct,
        clean_left: 0,
    };
    loop {
        tokio::select! {
            () = shutdown.cancelled() => return,
            _ = ticker.tick() => {
                let tick = monitor.tick(handle, livespot_ipc::system_now_ms());
                report_signals(link, &tick.signals);
                pressure.observe(link, tick.sample.queue_pct);
                fault_watch.clean_cycle(link);
                if let Err(error) = handle.try_submit(tick.records) {
                    tracing::warn!(reason = error.reason_code(), %error, "health sample not queued");
                }
            }
            changed = faults.changed() => {
                if changed.is_err() {
                    return;
                }
                let fault = faults.borrow_and_update().clone();
                fault_watch.observe(link, fault.as_ref());
            }
        }
    }
}

#[derive(Debug)]
struct PressureWatch {
    alert_pct: u64,
    clean_left: u8,
}

impl PressureWatch {
    fn observe(&mut self, link: &ChildLink, queue_pct: u64) {
        if queue_pct >= self.alert_pct {
            if self.clean_left == 0 {
                link.raise(
                    ReasonCode::AuditPressureDegrade,
                    format!("audit queue at {queue_pct}%"),
                );
            }
            self.clean_left = CLEAN_REPORTS_PER_CONDITION;
        } else if self.clean_left > 0 {
            self.clean_left -= 1;
            link.clean_cycle(ReasonCode::AuditPressureDegrade);
        }
    }
}

#[derive(Debug, Default)]
struct FaultWatch {
    raised: Vec<ReasonCode>,
    clean_left: u8,
}

impl FaultWatch {
    fn observe(&mut self, link: &ChildLink, fault: Option<&AuditError>) {
        match fault {
            Some(error) => {
                let reason = fault_reason(error);
                link.raise(reason, error.to_string());
                if !self.raised.contains(&reason) {
                    self.raised.push(reason);
                }
                self.clean_left = 0;
            }
            None => self.clean_left = CLEAN_REPORTS_PER_CONDITION,
        }
    }

    fn clean_cycle(&mut self, link: &ChildLink) {
        if self.clean_left == 0 {
            return;
        }
        self.clean_left -= 1;
        for reason in &self.raised {
            link.clean_cycle(*reason);
        }
        if self.clean_left == 0 {
            self.raised.clear();
        }
    }
}

fn report_signals(link: &ChildLink, signals: &[DiskSignal]) {
    for signal in signals {
        match signal {
            DiskSignal::Raise(reason) => {
                link.raise(*reason, "audit disk free space below threshold");
            }
            DiskSignal::Clean(reason) => link.clean_cycle(*reason),
        }
    }
}

fn fault_reason(error: &AuditError) -> ReasonCode {
    match error {
        AuditError::DiskFull { .. } => ReasonCode::DiskLowPause,
        _ => ReasonCode::AuditWriteFailed,
    }
}
