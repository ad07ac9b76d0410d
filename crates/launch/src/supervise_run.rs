use std::time::{Duration, Instant};

use livespot_domain::ProcessRole;
use livespot_runtime::{LauncherCommand, os_shutdown_signal};

use crate::events::{audit_event, console_stage};
use crate::mode::ModeInput;
use crate::run_keys::STOP_ORDER;
use crate::supervisor::Supervisor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopCause {
    DurationElapsed,
    Signal,
}

impl Supervisor {
    pub async fn supervise(&mut self, duration: Option<Duration>) -> StopCause {
        let deadline = duration.map(|duration| tokio::time::Instant::now() + duration);
        let mut ticker = tokio::time::interval(self.settings.supervision_tick());
        let signal = os_shutdown_signal();
        tokio::pin!(signal);
        loop {
            let sleep_until_deadline = async {
                match deadline {
                    Some(at) => tokio::time::sleep_until(at).await,
                    None => std::future::pending::<()>().await,
                }
            };
            tokio::select! {
                Some(event) = self.events_rx.recv() => self.handle_event(event),
                _ = ticker.tick() => self.tick().await,
                () = sleep_until_deadline => return StopCause::DurationElapsed,
                () = &mut signal => return StopCause::Signal,
            }
        }
    }

    pub async fn stop_all(&mut self, cause: StopCause) {
        self.stopping = true;
        console_stage(
            "STOPPING",
            &format!("{cause:?}: strategy, risk, executor, panel, marketdata, audit"),
        );
        self.apply_mode(ModeInput::Exit);
        for role in STOP_ORDER {
            if role == ProcessRole::Audit {
                audit_event("RUN_ENDED", ProcessRole::Launch, &[], &format!("{cause:?}"));
                crate::audit_sink::flush_audit().await;
            }
            self.stop_one(role).await;
        }
        console_stage("STOPPED", "every child has exited");
    }

    async fn stop_one(&mut self, role: ProcessRole) {
        self.send(
            role,
            LauncherCommand::Shutdown {
                reason: "RUN_ENDING".to_owned(),
            },
        );
        let deadline = Instant::now() + self.settings.stop_grace();
        while self
            .slots
            .iter()
            .any(|slot| slot.role == role && slot.child.is_some())
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.events_rx.recv()).await {
                Ok(Some(event)) => self.handle_event(event),
                Ok(None) => return,
                Err(_) => {
                    self.force_kill(role).await;
                    return;
                }
            }
        }
    }

    async fn force_kill(&mut self, role: ProcessRole) {
        tracing::warn!(
            process = role.as_str(),
            reason = "STOP_GRACE_EXCEEDED",
            "killing child"
        );
        if let Some(child) = self.slot_mut(role).and_then(|slot| slot.child.as_ref()) {
            child.kill.cancel();
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while self
            .slots
            .iter()
            .any(|slot| slot.role == role && slot.child.is_some())
        {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.events_rx.recv()).await {
                Ok(Some(event)) => self.handle_event(event),
                Ok(None) | Err(_) => return,
            }
        }
    }
}
