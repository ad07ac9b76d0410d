use std::fmt::Debug;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use livespot_domain::ReasonCode;

pub trait DiskFree: Send + Sync + Debug {
    fn free_bytes(&self, path: &Path) -> Option<u64>;
}

#[derive(Debug, Clone, Copy, Default)]
pub struct OsDiskFree;

impl DiskFree for OsDiskFree {
    fn free_bytes(&self, path: &Path) -> Option<u64> {
        crate::platform::os_free_bytes(path)
    }
}

#[derive(Debug, Clone)]
pub struct FixedDiskFree(Arc<AtomicU64>);

impl FixedDiskFree {
    pub fn new(free_bytes: u64) -> Self {
        Self(Arc::new(AtomicU64::new(free_bytes)))
    }

    pub fn set(&self, free_bytes: u64) {
        self.0.store(free_bytes, Ordering::Relaxed);
    }
}

impl DiskFree for FixedDiskFree {
    fn free_bytes(&self, _path: &Path) -> Option<u64> {
        Some(self.0.load(Ordering::Relaxed))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiskThresholds {
    pub degrade_below_bytes: u64,
    pub pause_below_bytes: u64,
}

impl DiskThresholds {
    pub const fn from_mib(degrade_free_mib: u64, pause_free_mib: u64) -> Self {
        Self {
            degrade_below_bytes: degrade_free_mib * 1024 * 1024,
            pause_below_bytes: pause_free_mib * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DiskLevel {
    Ok,
    Degrade,
    Pause,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskSignal {
    Raise(ReasonCode),
    Clean(ReasonCode),
}

pub const CLEAN_REPORTS_PER_CONDITION: u8 = 2;

#[derive(Debug)]
pub struct DiskWatch {
    thresholds: DiskThresholds,
    level: DiskLevel,
    clean_left: [(ReasonCode, u8); 2],
}

impl DiskWatch {
    pub fn new(thresholds: DiskThresholds) -> Self {
        Self {
            thresholds,
            level: DiskLevel::Ok,
            clean_left: [
                (ReasonCode::DiskLowDegrade, 0),
                (ReasonCode::DiskLowPause, 0),
            ],
        }
    }

    pub const fn level(&self) -> DiskLevel {
        self.level
    }

    pub fn observe(&mut self, free_bytes: u64) -> Vec<DiskSignal> {
        let next = if free_bytes < self.thresholds.pause_below_bytes {
            DiskLevel::Pause
        } else if free_bytes < self.thresholds.degrade_below_bytes {
            DiskLevel::Degrade
        } else {
            DiskLevel::Ok
        };
        let mut signals = Vec::new();
        for (index, (reason, clean_left)) in self.clean_left.iter_mut().enumerate() {
            let condition_level = if index == 0 {
                DiskLevel::Degrade
            } else {
                DiskLevel::Pause
            };
            if next >= condition_level {
                if self.level < condition_level {
                    signals.push(DiskSignal::Raise(*reason));
                }
                *clean_left = CLEAN_REPORTS_PER_CONDITION;
            } else if *clean_left > 0 {
                *clean_left -= 1;
                signals.push(DiskSignal::Clean(*reason));
            }
        }
        self.level = next;
        signals
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1024 * 1024;

    #[test]
    fn falling_free_space_raises_degrade_then_pause_once_each() {
        let mut watch = DiskWatch::new(DiskThresholds::from_mib(100, 10));
        assert!(watch.observe(500 * MIB).is_empty());
        assert_eq!(
            watch.observe(50 * MIB),
            vec![DiskSignal::Raise(ReasonCode::DiskLowDegrade)]
        );
        assert!(watch.observe(40 * MIB).is_empty());
        assert_eq!(
            watch.observe(5 * MIB),
            vec![DiskSignal::Raise(ReasonCode::DiskLowPause)]
        );
        assert!(watch.observe(5 * MIB).is_empty());
        assert_eq!(watch.level(), DiskLevel::Pause);
    }

    #[test]
    fn a_sudden_drop_raises_both_in_order() {
        let mut watch = DiskWatch::new(DiskThresholds::from_mib(100, 10));
        assert_eq!(
            watch.observe(MIB),
            vec![
                DiskSignal::Raise(ReasonCode::DiskLowDegrade),
                DiskSignal::Raise(ReasonCode::DiskLowPause)
            ]
        );
    }

    #[test]
    fn recovery_reports_two_clean_cycles_per_condition() {
        let mut watch = DiskWatch::new(DiskThresholds::from_mib(100, 10));
        watch.observe(MIB);
        assert_eq!(
            watch.observe(50 * MIB),
            vec![DiskSignal::Clean(ReasonCode::DiskLowPause)]
        );
        let both = watch.observe(500 * MIB);
        assert_eq!(
            both,
            vec![
                DiskSignal::Clean(ReasonCode::DiskLowDegrade),
                DiskSignal::Clean(ReasonCode::DiskLowPause)
            ]
        );
        assert_eq!(
            watch.observe(500 * MIB),
            vec![DiskSignal::Clean(ReasonCode::DiskLowDegrade)]
        );
        assert!(watch.observe(500 * MIB).is_empty());
    }

    #[test]
    fn fixed_source_reports_what_the_test_sets() {
        let source = FixedDiskFree::new(7);
        source.set(9);
        assert_eq!(source.free_bytes(Path::new(".")), Some(9));
    }
}
