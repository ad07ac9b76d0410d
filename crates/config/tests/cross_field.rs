mod common;

use livespot_config::Config;

fn assert_cross(text: &str, first: &str, second: &str) {
    let error = common::rejected(text);
    assert_eq!(error.reason_code(), "CONFIG_CROSS_FIELD", "{error}");
    let message = error.to_string();
    assert!(message.contains(first), "{message} should name {first}");
    assert!(message.contains(second), "{message} should name {second}");
}

fn with_two(first: (&str, &str, &str), second: (&str, &str, &str)) -> String {
    let text = common::with_value(first.0, first.1, first.2);
    common::set(&text, second.0, second.1, second.2)
}

#[test]
fn pause_threshold_must_be_below_degrade_threshold() {
    assert_cross(
        &common::with_value("disk", "pause_free_mib", "4096"),
        "disk.pause_free_mib",
        "disk.degrade_free_mib",
    );
}

#[test]
fn symbol_exposure_above_total_exposure_is_refused() {
    assert_cross(
        &common::with_value("risk", "max_symbol_exposure_bps", "\"6000\""),
        "risk.max_symbol_exposure_bps",
        "risk.max_total_exposure_bps",
    );
}

#[test]
fn watchlist_larger_than_deep_scan_is_refused() {
    assert_cross(
        &common::with_value("universe", "watchlist_top_k", "40"),
        "universe.watchlist_top_k",
        "universe.deep_scan_top_n",
    );
}

#[test]
fn ttl_bounds_must_be_ordered() {
    assert_cross(
        &common::with_value("strategy", "entry_ttl_ms_min", "60000"),
        "strategy.entry_ttl_ms_min",
        "strategy.entry_ttl_ms_max",
    );
}

#[test]
fn allowed_symbol_must_use_the_quote_asset() {
    assert_cross(
        &common::with_value("executor", "allowed_symbols", "[\"BTCUSDT\", \"ETHBTC\"]"),
        "executor.allowed_symbols[1]",
        "general.quote_asset",
    );
}

#[test]
fn clock_offset_must_stay_inside_recv_window() {
    let text = with_two(
        ("live", "max_clock_offset_ms", "2000"),
        ("venue", "recv_window_ms", "1500"),
    );
    assert_cross(&text, "live.max_clock_offset_ms", "venue.recv_window_ms");
}

#[test]
fn silent_timeout_must_cover_two_heartbeats() {
    assert_cross(
        &common::with_value("ipc", "silent_timeout_ms", "1500"),
        "ipc.silent_timeout_ms",
        "ipc.heartbeat_interval_ms",
    );
}

#[test]
fn backoff_base_above_max_is_refused() {
    assert_cross(
        &common::with_value("supervisor", "restart_backoff_base_ms", "60000"),
        "supervisor.restart_backoff_base_ms",
        "supervisor.restart_backoff_max_ms",
    );
}

#[test]
fn pause_code_mapped_to_degrade_is_refused() {
    let error = common::rejected(&common::with_value(
        "fail_policy",
        "DISK_LOW_PAUSE",
        "\"DEGRADE\"",
    ));
    assert_eq!(error.reason_code(), "CONFIG_CROSS_FIELD");
    assert!(
        error
            .to_string()
            .contains("fail_policy.DISK_LOW_PAUSE must be PAUSE"),
        "{error}"
    );
}

#[test]
fn consistent_pair_changes_are_accepted() {
    let text = with_two(
        ("disk", "degrade_free_mib", "8192"),
        ("disk", "pause_free_mib", "4096"),
    );
    let config = Config::from_toml(&text).unwrap();
    assert_eq!(
        (config.disk.degrade_free_mib, config.disk.pause_free_mib),
        (8192, 4096)
    );
}

#[test]
fn regime_volatility_band_must_be_ordered() {
    assert_cross(
        &common::with_value("strategy", "regime_min_volatility_bps", "\"400\""),
        "strategy.regime_min_volatility_bps",
        "strategy.regime_max_volatility_bps",
    );
}
