use std::collections::{BTreeSet, HashMap};

use livespot_domain::ProcessRole;

pub const DEFAULT_DEDUP_WINDOW: usize = 4096;

#[derive(Debug, Default)]
struct SenderWindow {
    floor: u64,
    seen_above_floor: BTreeSet<u64>,
}

impl SenderWindow {
    fn first_delivery(&mut self, seq: u64, capacity: usize) -> bool {
        if seq <= self.floor || !self.seen_above_floor.insert(seq) {
            return false;
        }
        while self.seen_above_floor.remove(&(self.floor + 1)) {
            self.floor += 1;
        }
        while self.seen_above_floor.len() > capacity {
            match self.seen_above_floor.pop_first() {
                Some(evicted) => self.floor = self.floor.max(evicted),
                None => break,
            }
        }
        true
    }
}

#[derive(Debug)]
pub struct DedupWindow {
    capacity: usize,
    senders: HashMap<ProcessRole, SenderWindow>,
}

impl Default for DedupWindow {
    fn default() -> Self {
        Self::new(DEFAULT_DEDUP_WINDOW)
    }
}

impl DedupWindow {
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity: capacity.max(1),
            senders: HashMap::new(),
        }
    }

    #[must_use]
    pub fn starting_after(mut self, sender: ProcessRole, delivered_through: u64) -> Self {
        let window = self.senders.entry(sender).or_default();
        window.floor = window.floor.max(delivered_through);
        self
    }

    pub fn first_delivery(&mut self, sender: ProcessRole, seq: u64) -> bool {
        self.senders
            .entry(sender)
            .or_default()
            .first_delivery(seq, self.capacity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resend_of_the_same_seq_is_dropped() {
        let mut window = DedupWindow::new(8);
        assert!(window.first_delivery(ProcessRole::Risk, 5));
        assert!(!window.first_delivery(ProcessRole::Risk, 5));
        assert!(window.first_delivery(ProcessRole::Executor, 5));
    }

    #[test]
    fn contiguous_deliveries_compact_into_the_floor() {
        let mut window = DedupWindow::new(2);
        for seq in 1..=100 {
            assert!(window.first_delivery(ProcessRole::Strategy, seq));
        }
        for seq in 1..=100 {
            assert!(!window.first_delivery(ProcessRole::Strategy, seq));
        }
        assert!(window.first_delivery(ProcessRole::Strategy, 101));
    }

    #[test]
    fn eviction_past_capacity_raises_the_floor() {
        let mut window = DedupWindow::new(2);
        assert!(window.first_delivery(ProcessRole::Audit, 10));
        assert!(window.first_delivery(ProcessRole::Audit, 20));
        assert!(window.first_delivery(ProcessRole::Audit, 30));
        assert!(!window.first_delivery(ProcessRole::Audit, 5));
        assert!(!window.first_delivery(ProcessRole::Audit, 10));
        assert!(window.first_delivery(ProcessRole::Audit, 25));
    }

    #[test]
    fn starting_after_skips_already_stored_seqs() {
        let mut window = DedupWindow::default().starting_after(ProcessRole::Risk, 40);
        assert!(!window.first_delivery(ProcessRole::Risk, 40));
        assert!(window.first_delivery(ProcessRole::Risk, 41));
    }
}
