#![allow(
    dead_code,
    reason = "each marketdata test binary uses a different part of this support module"
)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test support: a failed setup step must fail the test"
)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use crate::launch_support::{TestVar, health_mode, http_get, wait_until};

pub fn tuned_line(line: &str) -> Option<String> {
    let key = line.split('=').next()?.trim();
    Some(match key {
        "kline_interval" => "kline_interval = \"1m\"".to_owned(),
        "min_quote_volume_24h" => "min_quote_volume_24h = \"0\"".to_owned(),
        "ws_stale_ms" => "ws_stale_ms = 3000".to_owned(),
        "health_interval_ms" => "health_interval_ms = 400".to_owned(),
        "publish_interval_ms" => "publish_interval_ms = 500".to_owned(),
        "strategy_cycle_interval_ms" => "strategy_cycle_interval_ms = 1000".to_owned(),
        "kline_backfill" => "kline_backfill = 120".to_owned(),
        "regime_min_volatility_bps" => "regime_min_volatility_bps = \"0.5\"".to_owned(),
        "maker_fee_bps" => "maker_fee_bps = \"0\"".to_owned(),
        "taker_fee_bps" => "taker_fee_bps = \"0\"".to_owned(),
        "min_edge_bps" => "min_edge_bps = \"0\"".to_owned(),
        "expected_slippage_bps" => "expected_slippage_bps = \"0\"".to_owned(),
        "timeout_ms" => "timeout_ms = 300".to_owned(),
        _ => return None,
    })
}

pub fn tune_config(var: &TestVar) {
    tune_config_with(var, &[]);
}

pub fn tune_config_with(var: &TestVar, extra: &[(&str, &str)]) {
    let text = std::fs::read_to_string(&var.config).unwrap();
    assert!(text.contains("[marketdata]"), "config has no [marketdata]");
    let tuned: Vec<String> = text
        .lines()
        .map(|line| {
            let key = line.split('=').next().unwrap_or_default().trim();
            extra
                .iter()
                .find(|(name, _)| *name == key)
                .map(|(name, value)| format!("{name} = {value}"))
                .or_else(|| tuned_line(line))
                .unwrap_or_else(|| line.to_owned())
        })
        .collect();
    std::fs::write(&var.config, tuned.join("\n")).unwrap();
}

pub fn audit_rows(var: &TestVar, sql: &str) -> i64 {
    store_count(var, "audit.sqlite", sql)
}

pub fn executor_rows(var: &TestVar, sql: &str) -> i64 {
    store_count(var, "executor.sqlite", sql)
}

fn store_count(var: &TestVar, store: &str, sql: &str) -> i64 {
    let path = var.path().join("data").join(store);
    let Ok(db) =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
    else {
        return 0;
    };
    db.query_row(sql, [], |row| row.get(0)).unwrap_or(0)
}

pub fn http_post(base_url: &str, path: &str, body: &str) -> Option<String> {
    let host = base_url.strip_prefix("http://")?.trim_end_matches('/');
    let mut stream = TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

pub fn trail_lines(var: &TestVar) -> Vec<serde_json::Value> {
    var.audit_trail()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

pub fn count_events(var: &TestVar, event_type: &str, source: &str) -> usize {
    trail_lines(var)
        .iter()
        .filter(|line| line["event_type"] == event_type && line["source"] == source)
        .count()
}

pub fn mode_changes_with(var: &TestVar, reason: &str) -> usize {
    trail_lines(var)
        .iter()
        .filter(|line| line["event_type"] == "MODE_CHANGED")
        .filter(|line| {
            line["reason_codes"]
                .as_array()
                .is_some_and(|codes| codes.iter().any(|code| code == reason))
        })
        .count()
}

pub fn wait_mode(panel: &str, wanted: &str, timeout: Duration) -> Option<String> {
    wait_until(timeout, || health_mode(panel).filter(|mode| mode == wanted))
}

pub fn stop(launcher: &mut std::process::Child) {
    crate::launch_support::stop_launcher(launcher);
}

pub fn venue_order_posts(var: &TestVar) -> Vec<serde_json::Value> {
    let admin = var.endpoints().unwrap()["venue"]["admin"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = http_get(&admin, "/admin/requests").unwrap();
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .filter(|request| request["method"] == "POST")
        .filter(|request| request["path"].as_str().unwrap_or("").contains("/order"))
        .cloned()
        .collect()
}
