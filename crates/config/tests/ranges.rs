mod common;

fn assert_out_of_range(section: &str, key: &str, value: &str, allowed: &str) {
    let error = common::rejected(&common::with_value(section, key, value));
    assert_eq!(error.reason_code(), "CONFIG_OUT_OF_RANGE", "{error}");
    assert_eq!(error.key(), format!("{section}.{key}"));
    assert!(
        error.to_string().contains(allowed),
        "{error} should name {allowed}"
    );
}

#[test]
fn ai_dec_outside_zero_to_two_is_refused() {
    assert_out_of_range("ai_gate", "ai_dec", "3", "0..=2");
}

#[test]
fn recv_window_above_binance_maximum_is_refused() {
    assert_out_of_range("venue", "recv_window_ms", "60001", "1..=60000");
}

#[test]
fn risk_per_trade_above_limit_is_refused() {
    assert_out_of_range("risk", "risk_per_trade_bps", "\"501\"", "0.01..=500");
}

#[test]
fn executor_churn_above_binance_limit_is_refused() {
    assert_out_of_range("executor", "max_orders_per_10s", "51", "1..=50");
}

#[test]
fn correlation_above_one_is_refused() {
    assert_out_of_range("universe", "max_pairwise_correlation", "\"1.2\"", "0..=1");
}

#[test]
fn tiny_ipc_frame_limit_is_refused() {
    assert_out_of_range("ipc", "max_frame_bytes", "10", "1024..=67108864");
}

#[test]
fn privileged_panel_port_is_refused_but_zero_picks_a_free_one() {
    assert_out_of_range("panel", "port", "80", "1024..=65535, or 0");
    let config =
        livespot_config::Config::from_toml(&common::with_value("panel", "port", "0")).unwrap();
    assert_eq!(config.panel.port, 0);
}

#[test]
fn panel_on_a_public_address_is_refused() {
    assert_out_of_range("panel", "bind_address", "\"0.0.0.0\"", "127.0.0.1");
}

#[test]
fn quote_asset_other_than_usdt_is_refused() {
    assert_out_of_range("general", "quote_asset", "\"BTC\"", "USDT");
}

#[test]
fn venue_over_plain_http_is_refused_unless_loopback() {
    assert_out_of_range(
        "venue",
        "rest_url",
        "\"http://api.binance.com\"",
        "https://",
    );
    assert!(
        livespot_config::Config::from_toml(&common::with_value(
            "venue",
            "rest_url",
            "\"http://127.0.0.1:9000\""
        ))
        .is_ok()
    );
}

#[test]
fn lock_file_outside_var_is_refused() {
    assert_out_of_range("live", "lock_file", "\"../LIVE.ok\"", "plain file name");
}

#[test]
fn lowercase_allowed_symbol_is_refused_with_its_index() {
    let error = common::rejected(&common::with_value(
        "executor",
        "allowed_symbols",
        "[\"BTCUSDT\", \"ethusdt\"]",
    ));
    assert_eq!(error.key(), "executor.allowed_symbols[1]");
}

#[test]
fn value_too_large_for_its_type_is_a_parse_error_naming_the_key() {
    let error = common::rejected(&common::with_value("audit", "queue_alert_pct", "300"));
    assert_eq!(error.reason_code(), "CONFIG_PARSE");
    assert!(error.key() == "audit.queue_alert_pct", "{error}");
}

#[test]
fn entry_ttl_outside_the_domain_maker_first_bounds_is_refused() {
    assert_out_of_range("strategy", "entry_ttl_ms_max", "120001", "250..=120000");
}
