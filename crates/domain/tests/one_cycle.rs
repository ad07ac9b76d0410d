#![expect(
    clippy::unwrap_used,
    reason = "fixtures are built from literals and fail loudly"
)]

use livespot_domain::{
    AiGateResult, AiModification, AiVerdict, AuditEvent, AuditEventType, BookLevel, Bps,
    CorrelationIds, CycleId, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Fallback,
    IntentState, MarketSnapshot, OrderIntent, OrderIntentId, OrderLookup, OrderStatus,
    PositionState, Price, ProcessRole, Quantity, ReasonCode, Regime, RiskOutcome, RiskVerdict,
    RunId, Score, Side, SignedIntent, SnapshotId, Symbol, SysMode, TrailingMode, Validate,
    input_hash, sha256_hex,
};

const T0: i64 = 1_764_000_000_000;

fn price(text: &str) -> Price {
    Price::parse(text).unwrap()
}

fn qty(text: &str) -> Quantity {
    Quantity::parse(text).unwrap()
}

fn snapshot() -> MarketSnapshot {
    MarketSnapshot {
        snapshot_id: SnapshotId::new("S1").unwrap(),
        symbol: Symbol::new("ETHUSDT").unwrap(),
        ts_ms: T0,
        best_bid: price("3000.00"),
        best_ask: price("3000.01"),
        last_price: price("3000.00"),
        bids: vec![BookLevel {
            price: price("3000.00"),
            quantity: qty("4"),
        }],
        asks: vec![BookLevel {
            price: price("3000.01"),
            quantity: qty("3"),
        }],
        klines: vec![],
        book_update_id: 7,
        ws_age_ms: 40,
        rest_age_ms: 400,
    }
}

fn decision(snapshot: &MarketSnapshot) -> Decision {
    Decision {
        decision_id: DecisionId::new("D1").unwrap(),
        cycle_id: CycleId::new("C1").unwrap(),
        snapshot_id: snapshot.snapshot_id.clone(),
        snapshot_hash: snapshot.snapshot_hash().unwrap(),
        symbol: snapshot.symbol.clone(),
        side: Side::Buy,
        regime: Regime::Range,
        score: Score::from_raw(6_100),
        edge_bps: Bps::parse("8").unwrap(),
        quantity: qty("0.05"),
        entry: EntryPlan {
            kind: EntryKind::MakerFirst { ttl_ms: 2_000 },
            limit_price: price("3000.00"),
            fallback: Fallback::None,
            max_slippage_bps: Bps::parse("5").unwrap(),
        },
        exit: ExitPlan {
            take_profit: price("3030.00"),
            stop_loss: price("2985.00"),
            atr: price("10"),
            tp_atr_multiple: Bps::parse("3").unwrap(),
            sl_atr_multiple: Bps::parse("1.5").unwrap(),
            trailing_mode: TrailingMode::Off,
            trailing_delta_bips: None,
        },
        reason_codes: vec![],
        created_ts_ms: T0 + 5,
        expires_at_ms: T0 + 5_005,
    }
}

fn gate(decision: &Decision) -> AiGateResult {
    AiGateResult {
        decision_id: decision.decision_id.clone(),
        verdict: AiVerdict::Modify,
        reason_codes: vec![],
        modification: Some(AiModification {
            quantity: Some(qty("0.04")),
            take_profit: None,
            stop_loss: None,
            ..AiModification::default()
        }),
        input_hash: input_hash(decision).unwrap(),
        snapshot_hash: decision.snapshot_hash.clone(),
        answer_hash: Some(sha256_hex(b"{\"verdict\":\"MODIFY\"}")),
        prompt_version: "gate-v1".to_owned(),
        latency_ms: 640,
        ts_ms: T0 + 700,
    }
}

#[test]
fn one_cycle_flows_from_snapshot_to_a_protected_position() {
    let snapshot = snapshot();
    snapshot.validate().unwrap();
    let decision = decision(&snapshot);
    decision.validate().unwrap();
    let gated = gate(&decision).gated_decision(&decision).unwrap().unwrap();
    let verdict = RiskVerdict {
        decision_id: gated.decision_id.clone(),
        outcome: RiskOutcome::Approve,
        reason_codes: vec![],
        approved_quantity: Some(gated.quantity),
        sys_mode: SysMode::Normal,
        ts_ms: T0 + 800,
    };
    let intent_id = OrderIntentId::new("OI1").unwrap();
    let intent = OrderIntent::entry_from(&gated, &verdict, intent_id, T0 + 810).unwrap();
    assert_eq!(intent.quantity, qty("0.04"));
    let signed = SignedIntent {
        intent,
        nonce: "n1".to_owned(),
        expires_at_ms: T0 + 30_810,
        mac: sha256_hex(b"k"),
    };
    signed.validate().unwrap();
    let intent_state = IntentState::Created
        .mark_sent()
        .unwrap()
        .mark_sent_unknown()
        .unwrap();
    assert_eq!(
        intent_state.resolve_by_lookup(OrderLookup::Found),
        Ok(IntentState::Confirmed)
    );
    let order = OrderStatus::New.transition_to(OrderStatus::Filled).unwrap();
    assert!(order.is_terminal());
    let position = PositionState::Flat
        .start_entry()
        .and_then(PositionState::entry_filled)
        .unwrap();
    assert_eq!(position.protect(), Ok(PositionState::Protected));
}

#[test]
fn each_step_is_audited_with_its_correlation_ids() {
    let snapshot = snapshot();
    let decision = decision(&snapshot);
    let ids = CorrelationIds::for_run(RunId::new("R1").unwrap())
        .with_cycle(decision.cycle_id.clone())
        .with_snapshot(snapshot.snapshot_id.clone())
        .with_decision(decision.decision_id.clone());
    let event = AuditEvent::new(AuditEventType::Decision, T0 + 6, ProcessRole::Strategy, ids)
        .with_payload(&decision)
        .unwrap();
    event.validate().unwrap();
    let refused = AuditEvent::new(
        AuditEventType::IntentRefused,
        T0 + 9,
        ProcessRole::Executor,
        CorrelationIds::default(),
    );
    assert_eq!(
        refused.validate().unwrap_err().reason,
        ReasonCode::ContractReasonMissing
    );
    let json = serde_json::to_string(&event).unwrap();
    let back: AuditEvent = serde_json::from_str(&json).unwrap();
    let payload: Decision = serde_json::from_str(&back.payload_json).unwrap();
    assert_eq!(
        payload.decision_hash().unwrap(),
        decision.decision_hash().unwrap()
    );
}
