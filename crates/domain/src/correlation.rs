use serde::{Deserialize, Serialize};

use crate::{CycleId, DecisionId, OrderIntentId, RunId, SnapshotId};

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CorrelationIds {
    pub run_id: Option<RunId>,
    pub cycle_id: Option<CycleId>,
    pub snapshot_id: Option<SnapshotId>,
    pub decision_id: Option<DecisionId>,
    pub order_intent_id: Option<OrderIntentId>,
}

impl CorrelationIds {
    pub fn for_run(run_id: RunId) -> Self {
        Self {
            run_id: Some(run_id),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn with_cycle(mut self, cycle_id: CycleId) -> Self {
        self.cycle_id = Some(cycle_id);
        self
    }

    #[must_use]
    pub fn with_snapshot(mut self, snapshot_id: SnapshotId) -> Self {
        self.snapshot_id = Some(snapshot_id);
        self
    }

    #[must_use]
    pub fn with_decision(mut self, decision_id: DecisionId) -> Self {
        self.decision_id = Some(decision_id);
        self
    }

    #[must_use]
    pub fn with_order_intent(mut self, order_intent_id: OrderIntentId) -> Self {
        self.order_intent_id = Some(order_intent_id);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlation_ids_build_up_and_round_trip() {
        let ids = CorrelationIds::for_run(RunId::new("run1").unwrap())
            .with_cycle(CycleId::new("c1").unwrap())
            .with_decision(DecisionId::new("d1").unwrap());
        assert_eq!(ids.cycle_id.as_ref().map(CycleId::as_str), Some("c1"));
        assert!(ids.snapshot_id.is_none());
        let json = serde_json::to_string(&ids).unwrap();
        assert_eq!(serde_json::from_str::<CorrelationIds>(&json).unwrap(), ids);
        let bad = json.replace("\"c1\"", "\"c 1\"");
        assert!(serde_json::from_str::<CorrelationIds>(&bad).is_err());
        let config = bincode::config::standard();
        let bytes = bincode::serde::encode_to_vec(&ids, config).unwrap();
        let (back, _): (CorrelationIds, usize) =
            bincode::serde::decode_from_slice(&bytes, config).unwrap();
        assert_eq!(back, ids);
    }
}
