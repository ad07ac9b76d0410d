use std::time::{Duration, Instant};

use livespot_domain::{ProcessRole, ReasonCode, SysMode};
use livespot_runtime::{ChildReport, LauncherCommand};

use crate::events::{audit_event, console_mode, console_stage};
use crate::mode::{ModeInput, ModeOutcome};
use crate::spawn::ChildEvent;
use crate::supervisor::Supervisor;

impl Supervisor {
    pub(crate) fn handle_event(&mut self, event: ChildEvent) {
        match event {
            ChildEvent::Report {
                role,
                generation,
                report,
            } => self.handle_report(role, generation, report),
            ChildEvent::BadLine { role, reason, .. } => {
                tracing::warn!(
                    process = role.as_str(),
                    reason,
                    "unreadable control line from child"
                );
            }
            ChildEvent::Exited {
                role,
                generation,
                code,
            } => self.handle_exit(role, generation, code),
        }
    }

    fn handle_report(&mut self, role: ProcessRole, generation: u64, report: ChildReport) {
        let mode = self.authority.mode();
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        if !slot.is_current(generation) {
            return;
        }
        slot.last_seen = Instant::now();
        match report {
            ChildReport::Ready { pid } => {
                slot.ready = true;
                tracing::info!(process = role.as_str(), pid, "ready");
                audit_event(
                    "PROCESS_STARTED",
                    role,
                    &[],
                    &format!("pid {pid} generation {generation}"),
                );
                self.send(
                    role,
                    LauncherCommand::ModeChanged {
                        mode,
                        reasons: self.authority.active_reasons(),
                    },
                );
            }
            ChildReport::Heartbeat { .. } => self.note_healthy(role),
            ChildReport::Endpoint { name, url } => self.record_endpoint(role, &name, url),
            ChildReport::ConditionRaised { reason, detail } => {
                tracing::warn!(process = role.as_str(), reason = reason.as_str(), %detail, "condition raised");
                self.apply_mode(ModeInput::Raised {
                    source: role,
                    reason,
                });
            }
            ChildReport::CleanCycle { reason } => self.apply_mode(ModeInput::Clean {
                source: role,
                reason,
            }),
            ChildReport::Stopping { reason } => {
                tracing::info!(process = role.as_str(), %reason, "child stopping");
            }
        }
    }

    fn record_endpoint(&mut self, role: ProcessRole, name: &str, url: String) {
        tracing::info!(process = role.as_str(), endpoint = name, %url, "endpoint reported");
        if role == ProcessRole::Panel && name == "panel" {
            crate::events::console_stage("PANEL", &format!("{url}/dashboard"));
            self.endpoints.panel_url = Some(url);
            self.refresh_pids();
        }
    }

    pub(crate) fn apply_mode(&mut self, input: ModeInput) {
        self.apply_mode_with(input, "condition raised");
    }

    pub(crate) fn apply_mode_with(&mut self, input: ModeInput, detail: &str) {
        let source = match input {
            ModeInput::Raised { source, .. } | ModeInput::Clean { source, .. } => source,
            ModeInput::Exit => ProcessRole::Launch,
        };
        let ModeOutcome {
            alert_raised,
            alert_cleared,
            changed,
        } = self.authority.apply(input);
        if let Some(reason) = alert_raised {
            audit_event(
                "ALERT_RAISED",
                source,
                &[reason, ReasonCode::AlertRaised],
                detail,
            );
            console_stage("ALERT", reason.as_str());
        }
        if let Some(reason) = alert_cleared {
            audit_event(
                "ALERT_CLEARED",
                source,
                &[reason],
                "two consecutive clean cycles",
            );
        }
        if let Some((from, to)) = changed {
            let reasons = self.authority.active_reasons();
            let cause = match (to, alert_cleared) {
                (SysMode::Exit, _) => vec![ReasonCode::ShutdownRequested],
                (_, Some(cleared)) if reasons.is_empty() => vec![cleared, ReasonCode::AlertCleared],
                _ => reasons.clone(),
            };
            audit_event(
                "MODE_CHANGED",
                ProcessRole::Launch,
                &cause,
                &format!("{} -> {}", from.as_str(), to.as_str()),
            );
            audit_event(
                "STAGE_CHANGED",
                ProcessRole::Launch,
                &[ReasonCode::StageChanged],
                &format!("mode {}", to.as_str()),
            );
            console_mode(from, to, &reasons);
            self.broadcast_mode();
        }
    }

    fn handle_exit(&mut self, role: ProcessRole, generation: u64, code: Option<i32>) {
        let stopping = self.stopping;
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        if !slot.is_current(generation) {
            return;
        }
        slot.child = None;
        slot.ready = false;
        let detail = format!("exit code {code:?} generation {generation}");
        audit_event("PROCESS_EXITED", role, &[], &detail);
        if stopping {
            tracing::info!(process = role.as_str(), ?code, "exited during shutdown");
            return;
        }
        tracing::warn!(
            process = role.as_str(),
            ?code,
            reason = "PROCESS_DIED",
            "child exited unexpectedly"
        );
        if refused_to_start(code) {
            self.hold_refusing_child(role);
        }
        self.schedule_restart(role);
    }

    pub(crate) fn schedule_restart(&mut self, role: ProcessRole) {
        let backoff = self.settings.backoff;
        let now_ms = monotonic_ms();
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        let delay_ms = backoff.delay_ms(slot.attempt, rand::random::<u64>());
        slot.attempt = slot.attempt.saturating_add(1);
        slot.restart_at = Some(Instant::now() + Duration::from_millis(delay_ms));
        let looping = slot.crash_window.record(now_ms);
        let newly_looping = looping && !slot.crash_looping;
        slot.crash_looping |= looping;
        tracing::info!(process = role.as_str(), delay_ms, "restart scheduled");
        if newly_looping {
            tracing::error!(
                process = role.as_str(),
                reason = "CRASH_LOOP_PAUSE",
                "crash loop detected"
            );
            self.apply_mode(ModeInput::Raised {
                source: role,
                reason: ReasonCode::CrashLoopPause,
            });
        }
    }
}

pub const REFUSING_CHILD_ATTEMPT: u32 = 32;

fn refused_to_start(code: Option<i32>) -> bool {
    matches!(code, Some(2..=4))
}

impl Supervisor {
    fn hold_refusing_child(&mut self, role: ProcessRole) {
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        slot.attempt = slot.attempt.max(REFUSING_CHILD_ATTEMPT);
        let first = !slot.crash_looping;
        slot.crash_looping = true;
        tracing::error!(
            process = role.as_str(),
            reason = "PROCESS_REFUSED_TO_START",
            "usage, config or refusal exit: restarts slow to the backoff cap"
        );
        if first {
            self.apply_mode(ModeInput::Raised {
                source: role,
                reason: ReasonCode::CrashLoopPause,
            });
        }
    }
}

pub(crate) fn monotonic_ms() -> i64 {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    let start = START.get_or_init(Instant::now);
    i64::try_from(start.elapsed().as_millis()).unwrap_or(i64::MAX)
}
