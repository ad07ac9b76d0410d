#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end tests: a failed setup step must fail the test"
)]

mod launch_faults_support;
mod launch_support;

use launch_faults_support::checks::protected_on_the_venue;
use launch_faults_support::stores::LedgerOrder;
use launch_faults_support::venue::{ORDER_PATH, decimal};
use launch_faults_support::{FIRST_ENTRY_WITHIN, FaultRun, SETTLED_WITHIN, UNSCALED_VENUE_CLOCK};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const STATUS_DROPPED: i64 = 0;
const MAKER_FIRST_ENTRIES_WITH_A_4S_TTL: [(&str, &str); 4] = [
    ("maker_fee_bps", "\"0\""),
    ("entry_ttl_ms_min", "4000"),
    ("entry_ttl_ms_max", "4000"),
    UNSCALED_VENUE_CLOCK,
];

fn first_partly_filled_maker(run: &FaultRun) -> Value {
    let venue = run.venue();
    run.wait_for("a half-filled maker entry", FIRST_ENTRY_WITHIN, || {
        venue.orders().into_iter().find(|o| {
            o["type"] == "LIMIT_MAKER" && o["side"] == "BUY" && o["status"] == "PARTIALLY_FILLED"
        })
    })
}

fn audited_buy_fills(run: &FaultRun, id: &str) -> Decimal {
    run.audit()
        .rows_for("FILL", id)
        .iter()
        .map(|row| serde_json::from_str::<Value>(&row.payload_json).unwrap())
        .filter(|fill| fill["is_buyer"] == true)
        .map(|fill| decimal(&fill["qty"]))
        .sum()
}

fn ledger_and_venue_agree(run: &FaultRun, maker: &LedgerOrder) -> Decimal {
    let venue = run.venue();
    let twin = venue.orders_with(&maker.client_order_id);
    assert_eq!(twin.len(), 1, "{twin:?}");
    assert_eq!(
        (json!(maker.status), maker.executed_qty),
        (twin[0]["status"].clone(), decimal(&twin[0]["executedQty"])),
        "{maker:?} vs {}",
        twin[0]
    );
    let filled_on_venue = venue.fills_of_order(twin[0]["orderId"].as_i64().unwrap());
    assert_eq!(filled_on_venue, maker.executed_qty);
    filled_on_venue
}

fn audit_agrees(run: &FaultRun, id: &str, filled: Decimal) {
    let audited = run.wait_for("audited fills equal to the venue's", SETTLED_WITHIN, || {
        let sum = audited_buy_fills(run, id);
        (sum == filled).then_some(sum)
    });
    assert_eq!(audited, filled);
    let lost_cancel = run
        .audit()
        .rows_for("ORDER", id)
        .into_iter()
        .filter(|row| row.reason_codes == "BINANCE_STATUS_UNKNOWN")
        .count();
    assert_eq!(lost_cancel, 1, "the dropped cancel answer is audited");
    let reported = run
        .audit()
        .rows_for("POSITION", id)
        .iter()
        .map(|row| serde_json::from_str::<Value>(&row.payload_json).unwrap())
        .find_map(|report| report.get("filled_qty").map(decimal))
        .unwrap();
    assert_eq!(reported, filled);
}

#[test]
fn a_half_filled_maker_entry_whose_cancel_answer_is_lost_ends_with_ledger_audit_and_venue_agreeing()
{
    let run = FaultRun::start(&MAKER_FIRST_ENTRIES_WITH_A_4S_TTL, &[], &[]);
    let venue = run.venue();
    venue.fault(&json!({"kind": "hold_resting"}));
    venue.fault(&json!({"kind": "fill_resting_half", "count": 1}));
    let maker = first_partly_filled_maker(&run);
    let symbol = maker["symbol"].as_str().unwrap();
    venue.fault(&json!({
        "kind": "execute_then_drop", "path": ORDER_PATH, "symbol": symbol, "count": 1
    }));
    let coid = maker["clientOrderId"].as_str().unwrap().to_owned();
    let id = run
        .ledger()
        .orders()
        .into_iter()
        .find(|o| o.client_order_id == coid)
        .unwrap_or_else(|| panic!("{coid} not in the ledger"))
        .order_intent_id;
    protected_on_the_venue(&run, &id);
    let cancel = venue
        .requests()
        .into_iter()
        .find(|r| r["method"] == "DELETE" && r["client_order_id"] == coid.as_str())
        .unwrap();
    assert_eq!(
        cancel["status"], STATUS_DROPPED,
        "the cancel answer was lost: {cancel}"
    );
    let orders = run.ledger().orders_for(&id);
    let entry = orders.iter().find(|o| o.purpose == "entry").unwrap();
    assert_eq!(entry.status, "CANCELED", "{orders:?}");
    let half = decimal(&maker["origQty"]) / Decimal::TWO;
    assert!(
        entry.executed_qty > Decimal::ZERO && entry.executed_qty <= half,
        "{entry:?}"
    );
    assert!(
        orders.iter().all(|o| o.purpose != "fallback"),
        "a partial fill sends no fallback: {orders:?}"
    );
    let filled = ledger_and_venue_agree(&run, entry);
    audit_agrees(&run, &id, filled);
    let held = run.ledger().position_qty(&id).unwrap();
    assert!(held > Decimal::ZERO && held <= filled, "{held}");
    for leg in orders.iter().filter(|o| o.side == "SELL") {
        let on_venue = venue.orders_with(&leg.client_order_id);
        assert_eq!(decimal(&on_venue[0]["origQty"]), held, "{leg:?}");
    }
    run.stop();
}
