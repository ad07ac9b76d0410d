use serde::Serialize;

use livespot_domain::ReasonCode;

pub const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OvertradeParams {
    pub window_ms: i64,
    pub max_entries_per_symbol_window: usize,
    pub cooldown_after_exit_ms: i64,
    pub max_loss_streak: u32,
    pub loss_streak_pause_ms: i64,
    pub max_entries_per_day: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerEntry {
    pub symbol: String,
    pub ts_ms: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LedgerExit {
    pub symbol: String,
    pub ts_ms: i64,
    pub won: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TradeLedger {
    entries: Vec<LedgerEntry>,
    exits: Vec<LedgerExit>,
    loss_streak: u32,
    last_loss_ms: Option<i64>,
}

impl TradeLedger {
    pub fn record_entry(&mut self, symbol: &str, ts_ms: i64) {
        self.entries.push(LedgerEntry {
            symbol: symbol.to_owned(),
            ts_ms,
        });
    }

    pub fn record_exit(&mut self, symbol: &str, ts_ms: i64, won: bool) {
        if won {
            self.loss_streak = 0;
        } else {
            self.loss_streak += 1;
            self.last_loss_ms = Some(ts_ms);
        }
        self.exits.push(LedgerExit {
            symbol: symbol.to_owned(),
            ts_ms,
            won,
        });
    }

    pub fn loss_streak(&self) -> u32 {
        self.loss_streak
    }

    pub fn prune(&mut self, now_ms: i64, keep_ms: i64) {
        let horizon = now_ms - keep_ms.max(DAY_MS);
        self.entries.retain(|entry| entry.ts_ms >= horizon);
        self.exits.retain(|exit| exit.ts_ms >= horizon);
    }

    pub fn check(&self, symbol: &str, now_ms: i64, params: &OvertradeParams) -> Vec<ReasonCode> {
        let mut blocks = Vec::new();
        let in_window = self
            .entries
            .iter()
            .filter(|entry| entry.symbol == symbol && now_ms - entry.ts_ms < params.window_ms)
            .count();
        if in_window >= params.max_entries_per_symbol_window {
            blocks.push(ReasonCode::OvertradeSymbolWindow);
        }
        let cooling = self.exits.iter().any(|exit| {
            exit.symbol == symbol && now_ms - exit.ts_ms < params.cooldown_after_exit_ms
        });
        if cooling {
            blocks.push(ReasonCode::CooldownActive);
        }
        let streak_paused = self
            .last_loss_ms
            .is_some_and(|last| now_ms - last < params.loss_streak_pause_ms);
        if self.loss_streak >= params.max_loss_streak && streak_paused {
            blocks.push(ReasonCode::OvertradeLossStreak);
        }
        let today = now_ms.div_euclid(DAY_MS);
        let entries_today = self
            .entries
            .iter()
            .filter(|entry| entry.ts_ms.div_euclid(DAY_MS) == today)
            .count();
        if entries_today >= params.max_entries_per_day {
            blocks.push(ReasonCode::OvertradeDayLimit);
        }
        blocks
    }
}

#[cfg(test)]
#[path = "anti_overtrading_tests.rs"]
mod tests;
