use std::time::{Duration, Instant};

use livespot_domain::{ProcessRole, ReasonCode};

use crate::events::audit_event;
use crate::mode::ModeInput;
use crate::supervise_events::monotonic_ms;
use crate::supervisor::Supervisor;

impl Supervisor {
    pub(crate) async fn tick(&mut self) {
        let now = Instant::now();
        self.kill_silent_children(now);
        self.watch_operator_pause();
        let due: Vec<ProcessRole> = self
            .slots
            .iter()
            .filter(|slot| slot.child.is_none() && slot.restart_at.is_some_and(|at| at <= now))
            .map(|slot| slot.role)
            .collect();
        for role in due {
            audit_event("PROCESS_RESTARTED", role, &[], "restarting after exit");
            console_restart(role);
            self.start_child(role).await;
            if let Some(slot) = self.slot_mut(role) {
                slot.restarts_total += 1;
            }
        }
        self.settle_crash_loops(now);
    }

    fn kill_silent_children(&mut self, now: Instant) {
        let heartbeat = Duration::from_millis(self.settings.heartbeat_timeout_ms);
        let startup = Duration::from_millis(self.settings.startup_timeout_ms);
        let mut silent = Vec::new();
        for slot in &mut self.slots {
            let timeout = if slot.ready { heartbeat } else { startup };
            if slot.is_silent(now, timeout)
                && let Some(child) = &slot.child
                && !child.kill.is_cancelled()
            {
                tracing::warn!(
                    process = slot.role.as_str(),
                    reason = "HEARTBEAT_MISSED",
                    "silent child killed"
                );
                child.kill.cancel();
                if slot.ready {
                    silent.push((slot.role, now.duration_since(slot.last_seen).as_millis()));
                }
            }
        }
        for (role, silent_ms) in silent {
            self.mark_unhealthy(role, silent_ms);
        }
    }

    fn settle_crash_loops(&mut self, now: Instant) {
        let now_ms = monotonic_ms();
        let stable_after = Duration::from_millis(self.settings.backoff.max_ms);
        let mut clean = Vec::new();
        for slot in &mut self.slots {
            if slot.ready && now.duration_since(slot.started_at) > stable_after {
                slot.attempt = 0;
            }
            if slot.crash_looping && slot.ready && !slot.crash_window.in_loop(now_ms) {
                clean.push(slot.role);
            }
        }
        for role in clean {
            self.apply_mode(ModeInput::Clean {
                source: role,
                reason: ReasonCode::CrashLoopPause,
            });
            if !self
                .authority
                .active_reasons()
                .contains(&ReasonCode::CrashLoopPause)
                && let Some(slot) = self.slot_mut(role)
            {
                slot.crash_looping = false;
            }
        }
    }
}

fn console_restart(role: ProcessRole) {
    println!("livespot-launch: restarting {}", role.as_str());
}
