#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{KEY, SECRET, Ws, next_json, now_ms, price_text, send_json, start_default};
use livespot_venue::hmac_hex;
use reqwest::Method;
use rust_decimal::Decimal;
use serde_json::{Value, json};

async fn subscribe(sim: &common::Sim) -> Ws {
    let mut socket = sim.ws("/ws-api/v3").await;
    let timestamp = now_ms();
    let signature = hmac_hex(SECRET, &format!("apiKey={KEY}&timestamp={timestamp}"));
    send_json(&mut socket, &json!({"id": "sub1", "method": "userDataStream.subscribe.signature", "params": {"apiKey": KEY, "timestamp": timestamp, "signature": signature}})).await;
    let reply = next_json(&mut socket).await;
    assert_eq!(reply["status"], 200, "{reply}");
    assert_eq!(reply["result"]["subscriptionId"], 0);
    assert!(reply["rateLimits"].is_array());
    socket
}

async fn events(socket: &mut Ws, count: usize) -> Vec<Value> {
    let mut out = Vec::new();
    for _ in 0..count {
        let message = next_json(socket).await;
        assert_eq!(message["subscriptionId"], 0, "{message}");
        out.push(message["event"].clone());
    }
    out
}

fn kinds(events: &[Value]) -> Vec<String> {
    events
        .iter()
        .map(|e| match e["e"].as_str().unwrap() {
            "executionReport" => {
                format!("{}/{}", e["x"].as_str().unwrap(), e["X"].as_str().unwrap())
            }
            other => other.to_owned(),
        })
        .collect()
}

#[tokio::test]
async fn bad_signature_and_unknown_method_are_errors() {
    let sim = start_default().await;
    let mut socket = sim.ws("/ws-api/v3").await;
    send_json(&mut socket, &json!({"id": 1, "method": "userDataStream.subscribe.signature", "params": {"apiKey": KEY, "timestamp": now_ms(), "signature": "00"}})).await;
    let reply = next_json(&mut socket).await;
    assert_eq!(
        (reply["status"].as_i64(), reply["error"]["code"].as_i64()),
        (Some(400), Some(-1022))
    );
    send_json(&mut socket, &json!({"id": 2, "method": "ping"})).await;
    assert_eq!(next_json(&mut socket).await["result"], json!({}));
    send_json(&mut socket, &json!({"id": 3, "method": "nope"})).await;
    assert_eq!(next_json(&mut socket).await["status"], 400);
}

#[tokio::test]
async fn market_order_events_arrive_in_binance_order() {
    let sim = common::start(livespot_venue::SimOptions {
        speed: Decimal::new(1, 2),
        ..livespot_venue::SimOptions::default()
    })
    .await;
    let mut socket = subscribe(&sim).await;
    let depth = sim
        .public("/api/v3/depth?symbol=BTCUSDT&limit=5")
        .await
        .body;
    let qty = (common::dec_of(&depth["asks"][0][1]) * Decimal::from(2)).round_dp(5);
    let placed = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity={qty}&newClientOrderId=uds1"
        ))
        .await
        .body;
    let fills = placed["fills"].as_array().unwrap().len();
    let got = events(&mut socket, fills + 2).await;
    let mut expected = vec!["NEW/NEW".to_owned()];
    for index in 0..fills {
        expected.push(if index + 1 == fills {
            "TRADE/FILLED".to_owned()
        } else {
            "TRADE/PARTIALLY_FILLED".to_owned()
        });
    }
    expected.push("outboundAccountPosition".to_owned());
    assert_eq!(kinds(&got), expected);
    assert_eq!(got[1]["c"], "uds1");
    assert_eq!(got[1]["N"], "BTC");
    assert!(got[1]["t"].as_i64().unwrap() > 0);
    let assets: Vec<&str> = got[fills + 1]["B"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["a"].as_str().unwrap())
        .collect();
    assert_eq!(assets, vec!["BTC", "USDT"]);
}

#[tokio::test]
async fn cancel_balance_update_list_status_and_unsubscribe() {
    let sim = start_default().await;
    let mut socket = subscribe(&sim).await;
    let (bid, ask) = sim.best("BTCUSDT").await;
    let low = price_text(bid * Decimal::new(9, 1));
    sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={low}&newClientOrderId=c1")).await;
    assert_eq!(
        kinds(&events(&mut socket, 2).await),
        vec!["NEW/NEW", "outboundAccountPosition"]
    );
    sim.signed(
        Method::DELETE,
        "/api/v3/order",
        "symbol=BTCUSDT&origClientOrderId=c1&newClientOrderId=x1",
    )
    .await;
    let cancel = events(&mut socket, 2).await;
    assert_eq!(
        kinds(&cancel),
        vec!["CANCELED/CANCELED", "outboundAccountPosition"]
    );
    assert_eq!(
        (cancel[0]["c"].as_str(), cancel[0]["C"].as_str()),
        (Some("x1"), Some("c1"))
    );
    sim.admin_post(
        "/admin/balances",
        &json!({"api_key": KEY, "asset": "BNB", "delta": "3"}),
    )
    .await;
    let deposit = events(&mut socket, 2).await;
    assert_eq!(
        kinds(&deposit),
        vec!["balanceUpdate", "outboundAccountPosition"]
    );
    assert_eq!(deposit[0]["d"], "3.00000000");
    let above = price_text(ask * Decimal::new(102, 2));
    let below = price_text(bid * Decimal::new(98, 2));
    sim.signed(Method::POST, "/api/v3/orderList/oco", &format!("symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice={above}&belowType=STOP_LOSS&belowStopPrice={below}")).await;
    let list = events(&mut socket, 4).await;
    assert_eq!(
        kinds(&list),
        vec![
            "NEW/NEW",
            "NEW/NEW",
            "listStatus",
            "outboundAccountPosition"
        ]
    );
    assert_eq!(list[2]["L"], "EXECUTING");
    assert_eq!(list[2]["O"].as_array().unwrap().len(), 2);
    send_json(
        &mut socket,
        &json!({"id": 9, "method": "userDataStream.unsubscribe"}),
    )
    .await;
    let reply = next_json(&mut socket).await;
    assert_eq!(reply["status"], 200);
    let ended = next_json(&mut socket).await;
    assert_eq!(ended["event"]["e"], "eventStreamTerminated");
}

fn signed_params(mut params: serde_json::Map<String, Value>) -> Value {
    params.insert("apiKey".to_owned(), json!(KEY));
    params.insert("timestamp".to_owned(), json!(now_ms()));
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            )
        })
        .collect();
    pairs.sort();
    let payload = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    params.insert("signature".to_owned(), json!(hmac_hex(SECRET, &payload)));
    Value::Object(params)
}

#[tokio::test]
async fn ws_api_trading_methods_share_the_rest_engine() {
    let sim = start_default().await;
    let mut socket = subscribe(&sim).await;
    let (bid, _) = sim.best("BTCUSDT").await;
    let price = price_text(bid * Decimal::new(9, 1));
    let order = json!({"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC", "quantity": "0.01", "price": price, "newClientOrderId": "wsorder1"});
    send_json(&mut socket, &json!({"id": "p1", "method": "order.place", "params": signed_params(order.as_object().unwrap().clone())})).await;
    let placed = common::next_matching(&mut socket, 10, |v| v["id"] == "p1").await;
    assert_eq!(placed["status"], 200, "{placed}");
    assert_eq!(placed["result"]["status"], "NEW");
    if let Some(path) = common::shared_or_skip("binance/samples/ws_api_response_success.json") {
        let sample: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut diffs = Vec::new();
        common::shape::shape_diff("$", &sample, &placed, &["fills"], &mut diffs);
        assert!(diffs.is_empty(), "{diffs:?}");
    }
    let status = json!({"symbol": "BTCUSDT", "origClientOrderId": "wsorder1"});
    send_json(&mut socket, &json!({"id": "s1", "method": "order.status", "params": signed_params(status.as_object().unwrap().clone())})).await;
    let queried = common::next_matching(&mut socket, 10, |v| v["id"] == "s1").await;
    assert_eq!(queried["result"]["clientOrderId"], "wsorder1");
    let mut forged = signed_params(
        json!({"symbol": "BTCUSDT", "origClientOrderId": "wsorder1"})
            .as_object()
            .unwrap()
            .clone(),
    );
    forged["signature"] = json!("00");
    send_json(
        &mut socket,
        &json!({"id": "c1", "method": "order.cancel", "params": forged}),
    )
    .await;
    let refused = common::next_matching(&mut socket, 10, |v| v["id"] == "c1").await;
    assert_eq!(refused["error"]["code"], -1022);
    send_json(
        &mut socket,
        &json!({"id": "t1", "method": "ticker.price", "params": {"symbol": "ETHUSDT"}}),
    )
    .await;
    let ticker = common::next_matching(&mut socket, 10, |v| v["id"] == "t1").await;
    assert!(ticker["result"]["price"].is_string());
}
