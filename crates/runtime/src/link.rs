use livespot_domain::{ReasonCode, SysMode};
use tokio::sync::{mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::ChildReport;

#[derive(Debug, Clone)]
pub struct ChildLink {
    reports: mpsc::UnboundedSender<ChildReport>,
    mode: watch::Receiver<SysMode>,
    shutdown: CancellationToken,
}

impl ChildLink {
    pub fn new(
        reports: mpsc::UnboundedSender<ChildReport>,
        mode: watch::Receiver<SysMode>,
        shutdown: CancellationToken,
    ) -> Self {
        Self {
            reports,
            mode,
            shutdown,
        }
    }

    pub fn report(&self, report: ChildReport) {
        if self.reports.send(report).is_err() {
            tracing::warn!(
                reason = "CONTROL_LINK_CLOSED",
                "report dropped: launcher link closed"
            );
        }
    }

    pub fn raise(&self, reason: ReasonCode, detail: impl Into<String>) {
        self.report(ChildReport::ConditionRaised {
            reason,
            detail: detail.into(),
        });
    }

    pub fn clean_cycle(&self, reason: ReasonCode) {
        self.report(ChildReport::CleanCycle { reason });
    }

    pub fn endpoint(&self, name: impl Into<String>, url: impl Into<String>) {
        self.report(ChildReport::Endpoint {
            name: name.into(),
            url: url.into(),
        });
    }

    pub fn mode(&self) -> SysMode {
        *self.mode.borrow()
    }

    pub fn mode_watch(&self) -> watch::Receiver<SysMode> {
        self.mode.clone()
    }

    pub fn shutdown(&self) -> CancellationToken {
        self.shutdown.clone()
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutdown.is_cancelled()
    }

    pub async fn follow_until_shutdown(&self) {
        let mut mode = self.mode.clone();
        loop {
            tokio::select! {
                () = self.shutdown.cancelled() => return,
                changed = mode.changed() => {
                    if changed.is_err() {
                        self.shutdown.cancelled().await;
                        return;
                    }
                    let current = *mode.borrow_and_update();
                    tracing::info!(mode = current.as_str(), "following SYS MODE");
                }
            }
        }
    }
}
