use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use livespot_domain::{ProcessRole, SysMode};
use livespot_runtime::LauncherCommand;
use tokio::sync::mpsc;

use crate::endpoints::EndpointsFile;
use crate::events::{audit_event, console_stage};
use crate::run_keys::{CHILD_ORDER, RunSecrets};
use crate::slot::Slot;
use crate::spawn::{ChildEvent, SpawnSpec, spawn_child};
use crate::{CrashLoopWindow, ModeAuthority, SupervisorSettings};

#[derive(Debug)]
pub struct Supervisor {
    pub(crate) settings: SupervisorSettings,
    pub(crate) spec: SpawnSpec,
    pub(crate) secrets: RunSecrets,
    pub(crate) authority: ModeAuthority,
    pub(crate) slots: Vec<Slot>,
    pub(crate) events_tx: mpsc::UnboundedSender<ChildEvent>,
    pub(crate) events_rx: mpsc::UnboundedReceiver<ChildEvent>,
    pub(crate) endpoints: EndpointsFile,
    pub(crate) stopping: bool,
}

impl Supervisor {
    pub fn new(
        settings: SupervisorSettings,
        spec: SpawnSpec,
        secrets: RunSecrets,
        endpoints: EndpointsFile,
    ) -> Self {
        let (events_tx, events_rx) = mpsc::unbounded_channel();
        let slots = CHILD_ORDER
            .iter()
            .map(|role| {
                Slot::new(
                    *role,
                    CrashLoopWindow::new(
                        settings.crash_loop_restarts,
                        settings.crash_loop_window_ms,
                    ),
                )
            })
            .collect();
        Self {
            authority: ModeAuthority::new(settings.fail_policy.clone()),
            settings,
            spec,
            secrets,
            slots,
            events_tx,
            events_rx,
            endpoints,
            stopping: false,
        }
    }

    pub fn mode(&self) -> SysMode {
        self.authority.mode()
    }

    pub(crate) fn slot_mut(&mut self, role: ProcessRole) -> Option<&mut Slot> {
        self.slots.iter_mut().find(|slot| slot.role == role)
    }

    pub(crate) fn all_ready(&self) -> bool {
        self.slots.iter().all(|slot| slot.ready)
    }

    pub(crate) async fn start_child(&mut self, role: ProcessRole) {
        let keys = self.secrets.keys_for(role);
        let spec = self.spec.clone();
        let events = self.events_tx.clone();
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        slot.generation += 1;
        slot.ready = false;
        slot.restart_at = None;
        let now = Instant::now();
        slot.started_at = now;
        slot.last_seen = now;
        match spawn_child(&spec, &keys, slot.generation, events).await {
            Ok(child) => {
                tracing::info!(
                    process = role.as_str(),
                    pid = child.pid,
                    generation = child.generation,
                    "spawned"
                );
                slot.child = Some(child);
            }
            Err(error) => {
                tracing::error!(process = role.as_str(), reason = error.reason_code(), %error, "spawn failed");
                slot.child = None;
                audit_event("PROCESS_EXITED", role, &[], &error.to_string());
                self.schedule_restart(role);
            }
        }
        self.refresh_pids();
    }

    pub(crate) fn refresh_pids(&mut self) {
        let pids: BTreeMap<String, u32> = self
            .slots
            .iter()
            .filter_map(|slot| slot.pid().map(|pid| (slot.role.as_str().to_owned(), pid)))
            .collect();
        self.endpoints.pids.retain(|name, _| name == "sim");
        self.endpoints.pids.extend(pids);
        if let Err(error) = self.endpoints.write(&self.spec.var_dir) {
            tracing::error!(reason = error.reason_code(), %error, "endpoints.json not written");
        }
    }

    pub(crate) fn send(&self, role: ProcessRole, command: LauncherCommand) {
        let Some(slot) = self.slots.iter().find(|slot| slot.role == role) else {
            return;
        };
        if let Some(child) = &slot.child
            && child.commands.send(command).is_err()
        {
            tracing::debug!(process = role.as_str(), "command to a gone child dropped");
        }
    }

    pub(crate) fn broadcast_mode(&self) {
        let command = LauncherCommand::ModeChanged {
            mode: self.authority.mode(),
            reasons: self.authority.active_reasons(),
        };
        for slot in &self.slots {
            self.send(slot.role, command.clone());
        }
    }

    pub async fn start_all(&mut self) {
        console_stage(
            "STARTING",
            "spawning audit, marketdata, executor, risk, strategy, panel",
        );
        for role in CHILD_ORDER {
            self.start_child(role).await;
            self.wait_until_ready(role).await;
        }
        if self.all_ready() {
            console_stage("RUNNING", "every process reported ready");
        } else {
            console_stage(
                "RUNNING_DEGRADED_START",
                "some processes did not report ready in time",
            );
        }
        self.broadcast_mode();
    }

    async fn wait_until_ready(&mut self, role: ProcessRole) {
        let deadline = Instant::now() + Duration::from_millis(self.settings.startup_timeout_ms);
        while self
            .slots
            .iter()
            .any(|slot| slot.role == role && !slot.ready && slot.child.is_some())
        {
            let left = deadline.saturating_duration_since(Instant::now());
            let Ok(Some(event)) = tokio::time::timeout(left, self.events_rx.recv()).await else {
                tracing::warn!(
                    process = role.as_str(),
                    reason = "STARTUP_TIMEOUT",
                    "not ready in time"
                );
                return;
            };
            self.handle_event(event);
        }
    }
}
