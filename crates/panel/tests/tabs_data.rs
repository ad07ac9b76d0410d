#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use rust_decimal::Decimal;
use serde_json::Value;
use support::seed::{BASE_TS, INTENT, Ids, NO_IDS, append_events, event};
use support::{fixture, get, get_json};

fn decimal(value: &Value) -> Decimal {
    value.as_str().unwrap().parse().unwrap()
}

fn account_state_payload() -> String {
    format!(
        r#"{{"view":{{"quote_asset":"USDT",
        "balances":{{"USDT":{{"free":"9000","locked":"500"}},"BTC":{{"free":"0.01","locked":"0"}}}},
        "positions":[{{"symbol":"BTCUSDT","base_asset":"BTC","entry_price":"50000","quantity":"0.01","notional":"510"}}],
        "open_orders":[{{"symbol":"ETHUSDT","reserved_notional":"500"}}],
        "realized_pnl_today":"-100","equity_now":"9900","day_start_equity":"10000","day_peak_equity":"10050",
        "trades_today":3,"last_exit_ts_ms":{{"ETHUSDT":{exit}}},
        "loss_streak":{{"count":1,"last_loss_ts_ms":{exit}}}}},"state":{{}}}}"#,
        exit = BASE_TS + 20_000
    )
}

const ENTRY_VERDICT: &str = r#"{"intent":null,"verdict":{"Entry":{"approved_quantity":"0.01",
"decision_id":"dec-1","outcome":"APPROVE","reason_codes":[],"sys_mode":"NORMAL","ts_ms":1}}}"#;

fn seed_account(fixture: &support::Fixture) {
    append_events(
        fixture.var_dir(),
        &[
            event(
                "executor",
                20,
                "ACCOUNT_STATE",
                &NO_IDS,
                &[],
                &account_state_payload(),
            ),
            event("risk", 2, "RISK_VERDICT", &INTENT, &[], ENTRY_VERDICT),
        ],
    );
}

fn assert_anti_overtrading(anti: &Value, limits: &Value) {
    assert_eq!(anti["trades_today"], 3);
    assert_eq!(anti["max_trades_per_day"], limits["max_trades_per_day"]);
    let cooldown_ms = limits["cooldown_ms"].as_i64().unwrap();
    let cooling: Vec<&str> = anti["cooling_down"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["symbol"].as_str().unwrap())
        .collect();
    let expected: &[&str] = if cooldown_ms > 10_000 {
        &["ETHUSDT"]
    } else {
        &[]
    };
    assert_eq!(cooling, expected);
}

#[tokio::test]
async fn risk_tab_sets_the_last_account_state_against_the_limits_risk_enforces() {
    let fixture = fixture(true);
    seed_account(&fixture);
    let risk = get_json(fixture.app(), "/api/risk").await["data"].clone();
    let account = &risk["account"];
    let limits = &risk["limits"];
    assert_eq!(decimal(&account["total_exposure"]), Decimal::from(1010));
    assert_eq!(
        decimal(&account["reserved_in_open_orders"]),
        Decimal::from(500)
    );
    assert_eq!(account["balances"]["USDT"]["locked"], "500");
    assert_eq!(account["symbols"][0]["symbol"], "BTCUSDT");
    assert_eq!(decimal(&account["symbols"][0]["held"]), Decimal::from(510));
    assert_eq!(
        decimal(&account["symbols"][1]["in_open_orders"]),
        Decimal::from(500)
    );
    let loss = &account["loss"];
    assert_eq!(decimal(&loss["unrealized_pnl"]), Decimal::from(10));
    assert_eq!(
        decimal(&loss["remaining_loss_limit"]),
        decimal(&loss["daily_loss_limit"]) - Decimal::from(100)
    );
    assert_eq!(
        decimal(&loss["daily_loss_limit"]),
        decimal(&limits["daily_loss_limit_bps"])
    );
    assert_eq!(decimal(&loss["drawdown_bps"]), "149.25".parse().unwrap());
    assert_eq!(loss["daily_loss_check"], "OK");
    assert_anti_overtrading(&account["anti_overtrading"], limits);
    assert_eq!(risk["verdicts"][0]["kind"], "Entry");
    assert_eq!(risk["verdicts"][0]["outcome"], "APPROVE");
    assert_eq!(risk["verdicts"][0]["approved_quantity"], "0.01");
}

#[tokio::test]
async fn risk_tab_without_an_account_state_still_shows_the_limits() {
    let fixture = fixture(true);
    let risk = get_json(fixture.app(), "/api/risk").await["data"].clone();
    assert!(risk["account"].is_null());
    assert!(risk["limits"]["max_trades_per_day"].as_u64().unwrap() > 0);
}

const WATCHLIST_STAGE: &str = r#"{"stage":"WATCHLIST","symbol":null,"detail":"{\"watchlist\":[\"ETHUSDT\",\"SOLUSDT\"],\"changes\":[{\"symbol\":\"BTCUSDT\",\"action\":\"DROPPED\",\"reason\":\"WATCHLIST_CHURN_GUARD\",\"against\":\"SOLUSDT\"},{\"symbol\":\"SOLUSDT\",\"action\":\"ADDED\",\"reason\":null,\"against\":null}]}"}"#;

#[tokio::test]
async fn topn_tab_summarises_the_latest_watchlist_selection() {
    let fixture = fixture(true);
    let watch = event(
        "strategy",
        5,
        "STAGE_CHANGED",
        &NO_IDS,
        &[],
        WATCHLIST_STAGE,
    );
    append_events(fixture.var_dir(), &[watch]);
    let topn = get_json(fixture.app(), "/api/topn").await["data"].clone();
    let selection = &topn["SELECTION"];
    assert_eq!(
        selection["watchlist"],
        serde_json::json!(["ETHUSDT", "SOLUSDT"])
    );
    assert_eq!(selection["replacements"], 1);
    assert_eq!(selection["churn_guard_applied"], 1);
    assert_eq!(selection["correlation_blocks"], 0);
    assert!(selection["limits"]["watchlist_top_k"].as_u64().unwrap() > 0);
    let changes = topn["WATCHLIST_CHANGES"].as_array().unwrap();
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0]["against"], "SOLUSDT");
}

const LIVE_INTENT: Ids<'static> = Ids {
    cycle: Some("cyc-7"),
    snapshot: Some("snap-7"),
    decision: Some("dec-7"),
    intent: Some("oi-7"),
};

const EXECUTOR_SHAPES: [(&str, &str, u64, &str); 5] = [
    (
        "risk",
        "RISK_VERDICT",
        3,
        r#"{"intent":{"symbol":"XRPUSDT","side":"BUY"},"verdict":{"Entry":{"outcome":"APPROVE"}}}"#,
    ),
    ("executor", "INTENT_STATE", 30, r#""SENT_UNKNOWN""#),
    (
        "executor",
        "ORDER",
        31,
        r#"["ls-77",{"status":"PARTIALLY_FILLED","exchange_order_id":4,"executed_qty":"10","order_list_id":null}]"#,
    ),
    (
        "executor",
        "FILL",
        32,
        r#"{"is_buyer":true,"symbol":"XRPUSDT","price":"0.6194","qty":"10"}"#,
    ),
    (
        "executor",
        "POSITION",
        33,
        r#"{"Installed":{"attempts":1,"client_order_ids":["ls-78","ls-79"]}}"#,
    ),
];

#[tokio::test]
async fn orders_fills_positions_read_the_executor_payload_shapes() {
    let fixture = fixture(true);
    let events: Vec<_> = EXECUTOR_SHAPES
        .iter()
        .map(|(sender, kind, seq, payload)| event(sender, *seq, kind, &LIVE_INTENT, &[], payload))
        .collect();
    append_events(fixture.var_dir(), &events);
    let tab = get_json(fixture.app(), "/api/orders?symbol=xrpusdt").await["data"].clone();
    assert_eq!(tab["intents"][0]["state"], "SENT_UNKNOWN");
    assert_eq!(tab["intents"][0]["side"], "BUY");
    assert_eq!(tab["orders"][0]["status"], "PARTIALLY_FILLED");
    assert_eq!(tab["orders"][0]["client_order_id"], "ls-77");
    assert_eq!(tab["fills"][0]["side"], "BUY");
    assert_eq!(tab["positions"][0]["state"], "PROTECTED");
    assert_eq!(tab["positions"][0]["symbol"], "XRPUSDT");
    let filtered = get_json(fixture.app(), "/api/orders?status=filled").await["data"].clone();
    assert!(filtered["orders"].as_array().unwrap().is_empty());
    let fold = get_json(fixture.app(), "/api/execution").await["data"].clone();
    assert_eq!(fold["sent_unknown"][0]["order_intent_id"], "oi-7");
    assert_eq!(fold["intents_by_state"][0]["state"], "SENT_UNKNOWN");
    assert_eq!(fold["intents_by_state"][0]["count"], 2);
    let (_, _, metrics) = get(fixture.app(), "/metrics").await;
    assert!(
        metrics.contains("livespot_intents{state=\"SENT_UNKNOWN\"} 2"),
        "{metrics}"
    );
}
