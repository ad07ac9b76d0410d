#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

fn now_ms() -> i64 {
    i64::try_from(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap()
}

#[tokio::test]
async fn prints_one_json_line_and_serves_the_stdin_account() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_livespot-sim"))
        .args([
            "--market",
            "synthetic",
            "--seed",
            "7",
            "--speed",
            "2",
            "--port",
            "0",
            "--admin-port",
            "0",
            "--accounts-stdin",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(
        stdin,
        r#"{{"api_key":"clikey","api_secret":"clisecret","balances":{{"USDT":"500"}}}}"#
    )
    .unwrap();
    drop(stdin);
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let urls: Value = serde_json::from_str(&line).unwrap();
    let rest = urls["rest"].as_str().unwrap().to_owned();
    assert!(rest.starts_with("http://127.0.0.1:"));
    assert!(urls["ws"].as_str().unwrap().starts_with("ws://127.0.0.1:"));
    assert!(urls["ws_api"].as_str().unwrap().ends_with("/ws-api/v3"));
    assert_ne!(urls["admin"], urls["rest"]);
    let http = reqwest::Client::new();
    let ping = http
        .get(format!("{rest}/api/v3/ping"))
        .send()
        .await
        .unwrap();
    assert_eq!(ping.status(), 200);
    let query = format!("timestamp={}", now_ms());
    let signature = livespot_venue::hmac_hex("clisecret", &query);
    let account: Value = http
        .get(format!(
            "{rest}/api/v3/account?{query}&signature={signature}"
        ))
        .header("X-MBX-APIKEY", "clikey")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(account["balances"][0]["free"], "500.00000000");
    let admin_on_rest = http
        .get(format!("{rest}/admin/state"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        admin_on_rest.status(),
        404,
        "admin is never on the Binance port"
    );
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn bad_market_argument_is_a_usage_error() {
    let status = Command::new(env!("CARGO_BIN_EXE_livespot-sim"))
        .args(["--market", "bogus"])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
}

#[test]
fn an_explicit_bad_config_is_refused_with_the_bad_config_exit_code() {
    let dir = std::env::temp_dir().join(format!("livespot-sim-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("livespot.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_livespot-sim"))
        .arg("--config")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&output.stderr).contains("livespot.toml"));
    let help = Command::new(env!("CARGO_BIN_EXE_livespot-sim"))
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("--config") && text.contains("Usage:"));
}
