#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use std::collections::{BTreeMap, HashMap};

use common::{dec_of, next_json, next_matching, send_json, start, start_default};
use livespot_venue::SimOptions;
use rust_decimal::Decimal;
use serde_json::{Value, json};

#[tokio::test]
async fn combined_wrapper_and_live_subscriptions() {
    let sim = start_default().await;
    let mut socket = sim
        .ws("/stream?streams=btcusdt@bookTicker/ethusdt@depth5@100ms")
        .await;
    let first = next_json(&mut socket).await;
    assert!(
        first["stream"].is_string() && first["data"].is_object(),
        "{first}"
    );
    let book = next_matching(&mut socket, 50, |v| v["stream"] == "btcusdt@bookTicker").await;
    assert!(book["data"].get("e").is_none(), "bookTicker has no e");
    assert!(book["data"]["u"].is_u64());
    let partial = next_matching(&mut socket, 50, |v| v["stream"] == "ethusdt@depth5@100ms").await;
    assert_eq!(partial["data"]["bids"].as_array().unwrap().len(), 5);
    assert!(partial["data"].get("s").is_none());
    send_json(
        &mut socket,
        &json!({"method": "SUBSCRIBE", "params": ["btcusdt@trade", "btcusdt@aggTrade"], "id": 7}),
    )
    .await;
    next_matching(&mut socket, 100, |v| v == &json!({"result": null, "id": 7})).await;
    let trade = next_matching(&mut socket, 500, |v| v["stream"] == "btcusdt@trade").await;
    assert_eq!(trade["data"]["e"], "trade");
    send_json(
        &mut socket,
        &json!({"method": "LIST_SUBSCRIPTIONS", "id": 8}),
    )
    .await;
    let listed = next_matching(&mut socket, 200, |v| v["id"] == 8).await;
    assert_eq!(listed["result"].as_array().unwrap().len(), 4);
    send_json(&mut socket, &json!({"method": "UNSUBSCRIBE", "params": ["btcusdt@bookTicker", "ethusdt@depth5@100ms", "btcusdt@aggTrade"], "id": 9})).await;
    next_matching(&mut socket, 200, |v| v["id"] == 9).await;
    for _ in 0..20 {
        let value = next_json(&mut socket).await;
        assert_ne!(
            value["stream"], "btcusdt@bookTicker",
            "unsubscribed streams stop"
        );
    }
}

#[tokio::test]
async fn raw_streams_carry_bare_payloads() {
    let sim = start(SimOptions {
        speed: Decimal::from(10),
        ..SimOptions::default()
    })
    .await;
    let mut kline = sim.ws("/ws/btcusdt@kline_1m").await;
    let event = next_json(&mut kline).await;
    assert_eq!(event["e"], "kline");
    assert_eq!(event["k"]["i"], "1m");
    let mut mini = sim.ws("/ws/!miniTicker@arr").await;
    let all = next_json(&mut mini).await;
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert_eq!(all[0]["e"], "24hrMiniTicker");
    let mut ticker = sim.ws("/ws/solusdt@ticker").await;
    assert_eq!(next_json(&mut ticker).await["e"], "24hrTicker");
}

fn apply(book: &mut BTreeMap<Decimal, Decimal>, levels: &Value) {
    for level in levels.as_array().unwrap() {
        let price = dec_of(&level[0]);
        let qty = dec_of(&level[1]);
        if qty.is_zero() {
            book.remove(&price);
        } else {
            book.insert(price, qty);
        }
    }
}

fn load(levels: &Value) -> BTreeMap<Decimal, Decimal> {
    let mut book = BTreeMap::new();
    apply(&mut book, levels);
    book
}

#[tokio::test]
async fn local_book_from_snapshot_and_100ms_diffs_matches_the_sim_book() {
    local_book_matches("btcusdt@depth@100ms").await;
}

#[tokio::test]
async fn one_second_diffs_agree_with_100ms_diffs_at_each_window_end() {
    let sim = start(SimOptions {
        speed: Decimal::from(4),
        ..SimOptions::default()
    })
    .await;
    let mut socket = sim
        .ws("/stream?streams=btcusdt@depth@100ms/btcusdt@depth")
        .await;
    next_json(&mut socket).await;
    let snapshot = sim
        .public("/api/v3/depth?symbol=BTCUSDT&limit=5000")
        .await
        .body;
    let start_id = snapshot["lastUpdateId"].as_u64().unwrap();
    let mut fast = (load(&snapshot["bids"]), load(&snapshot["asks"]), start_id);
    let mut slow = fast.clone();
    let mut states = BTreeMap::new();
    let mut compared = 0;
    while compared < 4 {
        let message = next_json(&mut socket).await;
        let data = &message["data"];
        let (first_id, last_id) = (data["U"].as_u64().unwrap(), data["u"].as_u64().unwrap());
        let book = if message["stream"] == "btcusdt@depth" {
            &mut slow
        } else {
            &mut fast
        };
        if last_id <= book.2 {
            continue;
        }
        assert!(
            first_id <= book.2 + 1,
            "{} gap: {first_id} after {}",
            message["stream"],
            book.2
        );
        apply(&mut book.0, &data["b"]);
        apply(&mut book.1, &data["a"]);
        book.2 = last_id;
        if message["stream"] == "btcusdt@depth" {
            let fast_then = states
                .get(&last_id)
                .expect("fast stream reached the window end first");
            assert_eq!(&(slow.0.clone(), slow.1.clone()), fast_then, "at {last_id}");
            compared += 1;
        } else {
            states.insert(last_id, (fast.0.clone(), fast.1.clone()));
        }
    }
}

async fn local_book_matches(stream: &str) {
    let sim = start(SimOptions {
        speed: Decimal::from(4),
        ..SimOptions::default()
    })
    .await;
    let mut socket = sim.ws(&format!("/ws/{stream}")).await;
    let first = next_json(&mut socket).await;
    let snapshot = sim
        .public("/api/v3/depth?symbol=BTCUSDT&limit=5000")
        .await
        .body;
    let mut id = snapshot["lastUpdateId"].as_u64().unwrap();
    assert!(id >= first["U"].as_u64().unwrap());
    let (mut bids, mut asks) = (load(&snapshot["bids"]), load(&snapshot["asks"]));
    sim.order("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.2")
        .await;
    let mut applied = 0;
    for round in 0..5 {
        let target = sim
            .public("/api/v3/depth?symbol=BTCUSDT&limit=5000")
            .await
            .body;
        let target_id = target["lastUpdateId"].as_u64().unwrap();
        while id < target_id {
            let event = next_json(&mut socket).await;
            let (first_id, last_id) = (event["U"].as_u64().unwrap(), event["u"].as_u64().unwrap());
            if last_id <= id {
                continue;
            }
            assert_eq!(first_id, id + 1, "no gap in the diff stream");
            apply(&mut bids, &event["b"]);
            apply(&mut asks, &event["a"]);
            id = last_id;
            applied += 1;
        }
        assert_eq!(id, target_id, "round {round}");
        assert_eq!(bids, load(&target["bids"]), "bids at {id}");
        assert_eq!(asks, load(&target["asks"]), "asks at {id}");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
    assert!(applied > 3);
}

async fn capture(seed: u64) -> HashMap<String, String> {
    let options = SimOptions {
        seed,
        virtual_clock_start_ms: Some(1_700_000_000_000),
        ..SimOptions::default()
    };
    let sim = start(options).await;
    let mut socket = sim
        .ws("/stream?streams=btcusdt@trade/btcusdt@depth@100ms/ethusdt@trade")
        .await;
    let mut captured = HashMap::new();
    for _ in 0..120 {
        let message = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            futures_util::StreamExt::next(&mut socket),
        )
        .await
        .unwrap()
        .unwrap()
        .unwrap();
        let text = message.into_text().unwrap().to_string();
        let value: Value = serde_json::from_str(&text).unwrap();
        let id = value["data"]["u"]
            .as_u64()
            .or_else(|| value["data"]["t"].as_u64())
            .unwrap();
        captured.insert(format!("{}#{id}", value["stream"]), text);
    }
    sim.handle.shutdown().await;
    captured
}

#[tokio::test]
async fn same_seed_gives_byte_identical_streams() {
    let (a, b) = tokio::join!(capture(42), capture(42));
    let shared: Vec<&String> = a.keys().filter(|k| b.contains_key(*k)).collect();
    assert!(shared.len() >= 40, "overlap {}", shared.len());
    for key in shared {
        assert_eq!(a[key], b[key], "{key}");
    }
    let other = capture(43).await;
    let differing = a
        .iter()
        .filter(|(k, v)| other.get(*k).is_some_and(|o| o != *v))
        .count();
    assert!(differing > 0, "another seed gives another market");
}

#[tokio::test]
async fn server_sends_pings_on_market_streams_and_the_ws_api() {
    let sim = start(SimOptions {
        ping_interval_ms: 200,
        ..SimOptions::default()
    })
    .await;
    for path in ["/ws/btcusdt@trade", "/ws-api/v3"] {
        let mut socket = sim.ws(path).await;
        let mut pinged = false;
        for _ in 0..200 {
            let message = tokio::time::timeout(
                std::time::Duration::from_secs(5),
                futures_util::StreamExt::next(&mut socket),
            )
            .await
            .unwrap()
            .unwrap()
            .unwrap();
            if message.is_ping() {
                pinged = true;
                break;
            }
        }
        assert!(pinged, "{path}");
    }
}
