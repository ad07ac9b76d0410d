use crate::rest::market::DepthSnapshot;
use livespot_domain::ReasonCode;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepthUpdate {
    #[serde(rename = "E", default)]
    pub event_time: i64,
    #[serde(rename = "s", default)]
    pub symbol: String,
    #[serde(rename = "U")]
    pub first_update_id: u64,
    #[serde(rename = "u")]
    pub final_update_id: u64,
    #[serde(rename = "b")]
    pub bids: Vec<(Decimal, Decimal)>,
    #[serde(rename = "a")]
    pub asks: Vec<(Decimal, Decimal)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BookError {
    #[error("BOOK_GAP: expected first update id {expected}, got {got}")]
    Gap { expected: u64, got: u64 },
    #[error(
        "BOOK_SNAPSHOT_TOO_OLD: snapshot {snapshot} older than first buffered event {first_buffered}"
    )]
    SnapshotTooOld { snapshot: u64, first_buffered: u64 },
}

impl BookError {
    pub fn reason_code(&self) -> ReasonCode {
        match self {
            Self::Gap { .. } => ReasonCode::BookGap,
            Self::SnapshotTooOld { .. } => ReasonCode::BookSnapshotTooOld,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffOutcome {
    Buffered,
    Stale,
    Applied,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncReport {
    pub dropped: usize,
    pub first_applied: Option<(u64, u64)>,
    pub applied: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Level {
    pub price: Decimal,
    pub qty: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DepthWithin {
    pub bid_qty: Decimal,
    pub ask_qty: Decimal,
    pub bid_notional: Decimal,
    pub ask_notional: Decimal,
}

#[derive(Debug, Clone, Default)]
pub struct LocalBook {
    bids: BTreeMap<Decimal, Decimal>,
    asks: BTreeMap<Decimal, Decimal>,
    last_update_id: u64,
    synced: bool,
    buffer: Vec<DepthUpdate>,
}

impl LocalBook {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_synced(&self) -> bool {
        self.synced
    }

    pub fn last_update_id(&self) -> u64 {
        self.last_update_id
    }

    pub fn buffered_len(&self) -> usize {
        self.buffer.len()
    }

    pub fn first_buffered_id(&self) -> Option<u64> {
        self.buffer.first().map(|u| u.first_update_id)
    }

    pub fn on_diff(&mut self, update: DepthUpdate) -> Result<DiffOutcome, BookError> {
        if !self.synced {
            self.buffer.push(update);
            return Ok(DiffOutcome::Buffered);
        }
        self.apply(&update).inspect_err(|_| self.reset_with(update))
    }

    fn reset_with(&mut self, update: DepthUpdate) {
        self.synced = false;
        self.bids.clear();
        self.asks.clear();
        self.buffer = vec![update];
    }

    fn apply(&mut self, update: &DepthUpdate) -> Result<DiffOutcome, BookError> {
        if update.final_update_id <= self.last_update_id {
            return Ok(DiffOutcome::Stale);
        }
        if update.first_update_id > self.last_update_id + 1 {
            return Err(BookError::Gap {
                expected: self.last_update_id + 1,
                got: update.first_update_id,
            });
        }
        set_levels(&mut self.bids, &update.bids);
        set_levels(&mut self.asks, &update.asks);
        self.last_update_id = update.final_update_id;
        Ok(DiffOutcome::Applied)
    }

    pub fn on_snapshot(&mut self, snapshot: &DepthSnapshot) -> Result<SyncReport, BookError> {
        if let Some(first_buffered) = self
            .first_buffered_id()
            .filter(|first| snapshot.last_update_id < *first)
        {
            return Err(BookError::SnapshotTooOld {
                snapshot: snapshot.last_update_id,
                first_buffered,
            });
        }
        self.bids = snapshot
            .bids
            .iter()
            .filter(|(_, q)| !q.is_zero())
            .copied()
            .collect();
        self.asks = snapshot
            .asks
            .iter()
            .filter(|(_, q)| !q.is_zero())
            .copied()
            .collect();
        self.last_update_id = snapshot.last_update_id;
        self.synced = true;
        let mut report = SyncReport::default();
        for update in std::mem::take(&mut self.buffer) {
            match self.apply(&update) {
                Ok(DiffOutcome::Stale) => report.dropped += 1,
                Ok(_) => {
                    report
                        .first_applied
                        .get_or_insert((update.first_update_id, update.final_update_id));
                    report.applied += 1;
                }
                Err(err) => {
                    self.reset_with(update);
                    return Err(err);
                }
            }
        }
        Ok(report)
    }

    pub fn best_bid(&self) -> Option<Level> {
        self.bids
            .iter()
            .next_back()
            .map(|(p, q)| Level { price: *p, qty: *q })
    }

    pub fn best_ask(&self) -> Option<Level> {
        self.asks
            .iter()
            .next()
            .map(|(p, q)| Level { price: *p, qty: *q })
    }

    pub fn mid(&self) -> Option<Decimal> {
        Some((self.best_bid()?.price + self.best_ask()?.price) / Decimal::TWO)
    }

    pub fn depth_within_bps(&self, bps: u32) -> Option<DepthWithin> {
        let mid = self.mid()?;
        let band = mid * Decimal::from(bps) / Decimal::from(10_000);
        let mut out = DepthWithin::default();
        for (price, qty) in self.bids.range(mid - band..) {
            out.bid_qty += *qty;
            out.bid_notional += *price * *qty;
        }
        for (price, qty) in self.asks.range(..=mid + band) {
            out.ask_qty += *qty;
            out.ask_notional += *price * *qty;
        }
        Some(out)
    }

    pub fn imbalance_x10000(&self, bps: u32) -> Option<i64> {
        let depth = self.depth_within_bps(bps)?;
        let total = depth.bid_notional + depth.ask_notional;
        if total.is_zero() {
            return Some(0);
        }
        let ratio = (depth.bid_notional - depth.ask_notional) * Decimal::from(10_000) / total;
        i64::try_from(ratio.round()).ok()
    }
}

fn set_levels(side: &mut BTreeMap<Decimal, Decimal>, levels: &[(Decimal, Decimal)]) {
    for (price, qty) in levels {
        if qty.is_zero() {
            side.remove(price);
        } else {
            side.insert(*price, *qty);
        }
    }
}

#[cfg(test)]
mod tests;
