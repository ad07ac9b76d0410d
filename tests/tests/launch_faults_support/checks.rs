use std::collections::BTreeSet;

use super::FaultRun;
use super::stores::AuditRow;
use super::venue::{decimal, posts_per_client_order_id};

pub const PROTECTED: &str = "PROTECTED";
pub const SETTLED_STATES: [&str; 2] = ["PROTECTED", "FLAT"];

pub fn protected_if_filled(run: &FaultRun, id: &str, entry_coid: &str) {
    let venue = run.venue();
    let entry = venue.orders_with(entry_coid);
    assert_eq!(entry.len(), 1, "{entry:?}");
    if decimal(&entry[0]["executedQty"]).is_zero() {
        let ledger = run.ledger();
        let state = run.wait_for(&format!("{id} FLAT"), super::SETTLED_WITHIN, || {
            ledger.position_state(id).filter(|state| state == "FLAT")
        });
        assert_eq!(state, "FLAT", "an unfilled entry holds nothing");
        return;
    }
    protected_on_the_venue(run, id);
}

pub fn protected_on_the_venue(run: &FaultRun, id: &str) {
    let ledger = run.ledger();
    run.wait_for(&format!("{id} PROTECTED"), super::SETTLED_WITHIN, || {
        (ledger.position_state(id).as_deref() == Some(PROTECTED)).then_some(())
    });
    let venue = run.venue();
    let legs: Vec<_> = ledger
        .orders_for(id)
        .into_iter()
        .filter(|o| o.purpose == "take_profit" || o.purpose == "stop_loss")
        .filter(|o| o.status == "NEW")
        .collect();
    assert_eq!(legs.len(), 2, "{legs:?}");
    for leg in &legs {
        let on_venue = venue.orders_with(&leg.client_order_id);
        assert_eq!(on_venue.len(), 1, "{leg:?}");
        assert!(
            on_venue[0]["orderListId"].as_i64() >= Some(0),
            "{}",
            on_venue[0]
        );
    }
}

pub fn every_client_order_id_posted_once(run: &FaultRun) {
    let posts = posts_per_client_order_id(&run.venue().requests());
    let twice: Vec<_> = posts.iter().filter(|(_, count)| **count > 1).collect();
    assert!(twice.is_empty(), "clientOrderIds posted twice: {twice:?}");
}

pub fn venue_orders_unknown_to_the_ledger(run: &FaultRun) -> Vec<String> {
    let known: BTreeSet<String> = run
        .ledger()
        .orders()
        .into_iter()
        .map(|o| o.client_order_id)
        .collect();
    run.venue()
        .orders()
        .into_iter()
        .filter_map(|o| o["clientOrderId"].as_str().map(str::to_owned))
        .filter(|coid| !known.contains(coid))
        .collect()
}

pub fn unsettled_positions(run: &FaultRun) -> Vec<(String, String)> {
    super::ledger::positions(run.var.path())
        .into_iter()
        .filter(|(_, state)| !SETTLED_STATES.contains(&state.as_str()))
        .collect()
}

pub fn protected_positions_without_resting_legs(run: &FaultRun) -> Vec<String> {
    let ledger = run.ledger();
    let venue = run.venue();
    super::ledger::positions(run.var.path())
        .into_iter()
        .filter(|(_, state)| state == PROTECTED)
        .map(|(id, _)| id)
        .filter(|id| {
            let resting = ledger
                .orders_for(id)
                .into_iter()
                .filter(|o| o.purpose == "take_profit" || o.purpose == "stop_loss")
                .flat_map(|o| venue.orders_with(&o.client_order_id))
                .filter(|o| o["status"] == "NEW" && o["orderListId"].as_i64() >= Some(0))
                .count();
            resting != 2
        })
        .collect()
}

pub fn ledger_state(row: &AuditRow) -> Option<String> {
    let body: serde_json::Value = serde_json::from_str(&row.payload_json).ok()?;
    Some(body["state"].as_str()?.to_owned())
}

pub fn audit_saw_sent_unknown_then_confirmed(run: &FaultRun, id: &str) {
    let audit = run.audit();
    let states = run.wait_for("audited CONFIRMED", super::SETTLED_WITHIN, || {
        let rows = audit.rows_for("INTENT_STATE", id);
        rows.iter()
            .any(|r| ledger_state(r).as_deref() == Some("CONFIRMED"))
            .then_some(rows)
    });
    let reported: Vec<Option<String>> = states.iter().map(ledger_state).collect();
    let unknown_at = reported
        .iter()
        .position(|s| s.as_deref() == Some("SENT_UNKNOWN"))
        .unwrap_or_else(|| panic!("no SENT_UNKNOWN audited: {states:?}"));
    let confirmed_at = reported
        .iter()
        .position(|s| s.as_deref() == Some("CONFIRMED"))
        .unwrap();
    assert!(unknown_at < confirmed_at, "{states:?}");
    assert!(
        states[confirmed_at]
            .reason_codes
            .contains("BINANCE_STATUS_UNKNOWN"),
        "{states:?}"
    );
}

pub fn launcher_events_with(run: &FaultRun, event_type: &str, reason: &str) -> i64 {
    let path = livespot_audit::audit_db_path(run.var.path());
    let Ok(db) =
        rusqlite::Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    db.query_row(
        "SELECT COUNT(*) FROM events WHERE sender = 'launch' AND event_type = ?1 \
         AND (',' || reason_codes || ',') LIKE ?2",
        rusqlite::params![event_type, format!("%,{reason},%")],
        |row| row.get(0),
    )
    .unwrap_or(0)
}
