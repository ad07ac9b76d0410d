use livespot_domain::{ProcessRole, ReasonCode};

use crate::mode::ModeInput;
use crate::operator_pause::read_operator_pause;
use crate::supervisor::Supervisor;

impl Supervisor {
    pub(crate) fn mark_unhealthy(&mut self, role: ProcessRole, silent_ms: u128) {
        let Some(slot) = self.slot_mut(role) else {
            return;
        };
        slot.unhealthy = true;
        tracing::warn!(
            process = role.as_str(),
            reason = ReasonCode::ProcessUnhealthy.as_str(),
            silent_ms,
            "child alive but silent beyond the heartbeat timeout"
        );
        self.apply_mode_with(
            ModeInput::Raised {
                source: role,
                reason: ReasonCode::ProcessUnhealthy,
            },
            &format!(
                "{} silent for {silent_ms} ms (heartbeat timeout {} ms)",
                role.as_str(),
                self.settings.heartbeat_timeout_ms
            ),
        );
    }

    pub(crate) fn note_healthy(&mut self, role: ProcessRole) {
        if !self
            .slots
            .iter()
            .any(|slot| slot.role == role && slot.unhealthy && slot.ready)
        {
            return;
        }
        self.apply_mode(ModeInput::Clean {
            source: role,
            reason: ReasonCode::ProcessUnhealthy,
        });
        let still_held = self.authority.holds(role, ReasonCode::ProcessUnhealthy);
        if !still_held && let Some(slot) = self.slot_mut(role) {
            slot.unhealthy = false;
            tracing::info!(
                process = role.as_str(),
                reason = ReasonCode::ProcessUnhealthy.as_str(),
                "child healthy again"
            );
        }
    }

    pub(crate) fn watch_operator_pause(&mut self) {
        let held = self
            .authority
            .holds(ProcessRole::Launch, ReasonCode::OperatorPause);
        match read_operator_pause(&self.spec.var_dir) {
            Some(pause) => {
                let input = ModeInput::Raised {
                    source: ProcessRole::Launch,
                    reason: ReasonCode::OperatorPause,
                };
                if held {
                    self.authority.apply(input);
                    return;
                }
                tracing::warn!(
                    reason = ReasonCode::OperatorPause.as_str(),
                    operator_reason = %pause.reason,
                    "operator paused trading"
                );
                self.apply_mode_with(input, &format!("operator pause: {}", pause.reason));
            }
            None if held => {
                self.apply_mode_with(
                    ModeInput::Clean {
                        source: ProcessRole::Launch,
                        reason: ReasonCode::OperatorPause,
                    },
                    "operator resumed",
                );
            }
            None => {}
        }
    }
}
