mod common;

use livespot_config::{Config, DEFAULT_CONFIG_PATH, FailAction, KlineInterval, TrailingPolicy};
use livespot_domain::ReasonCode;
use rust_decimal_macros::dec;

#[test]
fn shipped_file_loads_from_disk_with_its_defaults() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(DEFAULT_CONFIG_PATH);
    let config = Config::load(&path).unwrap();
    assert_eq!(config.general.quote_asset, "USDT");
    assert_eq!(config.ai_gate.ai_dec, 2);
    assert!(!config.ai_gate.log_raw_prompt);
    assert_eq!(config.strategy.trailing_policy, TrailingPolicy::Auto);
    assert_eq!(
        config.strategy.kline_interval,
        KlineInterval::FifteenMinutes
    );
    assert!(config.live.require_lock_file);
    assert_eq!(config.live.lock_file, "LIVE.ok");
    assert_eq!(config.ipc.max_frame_bytes, 1_048_576);
    assert_eq!(config.executor.max_notional_per_order, dec!(100));
    assert!(config.executor.allows_symbol("BTCUSDT"));
    assert!(!config.executor.allows_symbol("BTCUSDC"));
}

#[test]
fn shipped_constant_equals_the_file_on_disk() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(DEFAULT_CONFIG_PATH);
    let from_disk = Config::load(&path).unwrap();
    let embedded = Config::shipped().unwrap();
    assert_eq!(from_disk, embedded);
    assert_eq!(from_disk.hash(), embedded.hash());
}

#[test]
fn shipped_fail_policy_maps_disk_codes_to_their_modes() {
    let config = Config::shipped().unwrap();
    assert_eq!(
        config.fail_policy.action_for(ReasonCode::DiskLowDegrade),
        Some(FailAction::Degrade)
    );
    assert_eq!(
        config.fail_policy.action_for(ReasonCode::DiskLowPause),
        Some(FailAction::Pause)
    );
    assert_eq!(
        config
            .fail_policy
            .action_for(ReasonCode::PauseNeedsManualProtection),
        Some(FailAction::Pause)
    );
    assert_eq!(config.fail_policy.action_for(ReasonCode::AiBlocked), None);
    assert_eq!(
        config.fail_policy.entries().count(),
        config.fail_policy.actions.len()
    );
}

#[test]
fn missing_file_is_unreadable_with_the_path() {
    let error = Config::load(std::path::Path::new("/nonexistent/livespot.toml")).unwrap_err();
    assert_eq!(error.reason_code(), "CONFIG_UNREADABLE");
    assert!(
        error.to_string().contains("/nonexistent/livespot.toml"),
        "{error}"
    );
}

#[test]
fn missing_key_names_the_section() {
    let text = common::with_value("ipc", "handshake_timeout_ms", "1000")
        .replace("handshake_timeout_ms = 1000\n", "");
    let error = common::rejected(&text);
    assert_eq!(error.reason_code(), "CONFIG_PARSE");
    assert!(
        error.to_string().contains("handshake_timeout_ms"),
        "{error}"
    );
    assert!(error.to_string().contains("ipc"), "{error}");
}

#[test]
fn money_given_as_a_float_is_refused() {
    let error = common::rejected(&common::with_value(
        "executor",
        "max_notional_per_order",
        "100.5",
    ));
    assert_eq!(error.reason_code(), "CONFIG_PARSE");
    assert!(error.key() == "executor.max_notional_per_order", "{error}");
}

#[test]
fn wrong_enum_value_names_the_key() {
    let error = common::rejected(&common::with_value(
        "strategy",
        "trailing_policy",
        "\"SOMETIMES\"",
    ));
    assert_eq!(error.reason_code(), "CONFIG_PARSE");
    assert!(error.key() == "strategy.trailing_policy", "{error}");
}
