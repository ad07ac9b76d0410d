use std::time::{Duration, Instant};

use livespot_domain::ProcessRole;

use crate::CrashLoopWindow;
use crate::spawn::SpawnedChild;

#[derive(Debug)]
pub struct Slot {
    pub role: ProcessRole,
    pub child: Option<SpawnedChild>,
    pub generation: u64,
    pub ready: bool,
    pub started_at: Instant,
    pub last_seen: Instant,
    pub attempt: u32,
    pub restart_at: Option<Instant>,
    pub crash_window: CrashLoopWindow,
    pub crash_looping: bool,
    pub restarts_total: u64,
    pub unhealthy: bool,
}

impl Slot {
    pub fn new(role: ProcessRole, crash_window: CrashLoopWindow) -> Self {
        let now = Instant::now();
        Self {
            role,
            child: None,
            generation: 0,
            ready: false,
            started_at: now,
            last_seen: now,
            attempt: 0,
            restart_at: None,
            crash_window,
            crash_looping: false,
            restarts_total: 0,
            unhealthy: false,
        }
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(|child| child.pid)
    }

    pub fn is_current(&self, generation: u64) -> bool {
        self.child.is_some() && self.generation == generation
    }

    pub fn is_silent(&self, now: Instant, timeout: Duration) -> bool {
        self.child.is_some() && now.duration_since(self.last_seen) > timeout
    }
}
