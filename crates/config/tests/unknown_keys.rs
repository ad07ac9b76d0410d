mod common;

#[test]
fn unknown_top_level_key_is_rejected_by_name() {
    let error = common::rejected(&common::with_extra_line(None, "surprise = 1"));
    assert_eq!(error.reason_code(), "CONFIG_UNKNOWN_KEY");
    assert!(error.to_string().contains("`surprise"), "{error}");
}

#[test]
fn unknown_section_is_rejected_by_name() {
    let text = format!(
        "{}\n[extras]\nx = 1\n",
        livespot_config::SHIPPED_CONFIG_TEXT
    );
    let error = common::rejected(&text);
    assert_eq!(error.reason_code(), "CONFIG_UNKNOWN_KEY");
    assert!(error.to_string().contains("extras"), "{error}");
}

#[test]
fn unknown_nested_key_names_the_dotted_key() {
    let error = common::rejected(&common::with_extra_line(Some("risk"), "max_leverage = 3"));
    assert_eq!(error.reason_code(), "CONFIG_UNKNOWN_KEY");
    assert!(error.key() == "risk.max_leverage", "{error}");
    assert!(
        error.to_string().contains("daily_loss_limit_bps"),
        "{error}"
    );
}

#[test]
fn unknown_key_in_another_section_names_that_section() {
    let error = common::rejected(&common::with_extra_line(
        Some("executor"),
        "allow_withdrawals = true",
    ));
    assert!(error.key() == "executor.allow_withdrawals", "{error}");
}

#[test]
fn unknown_reason_code_in_fail_policy_is_rejected() {
    let error = common::rejected(&common::with_extra_line(
        Some("fail_policy"),
        "MOON_PHASE = \"PAUSE\"",
    ));
    assert_eq!(error.reason_code(), "CONFIG_UNKNOWN_KEY");
    assert_eq!(error.key(), "fail_policy.MOON_PHASE");
}

#[test]
fn unknown_fail_action_is_rejected() {
    let error = common::rejected(&common::with_value(
        "fail_policy",
        "WS_STALE_DEGRADE",
        "\"IGNORE\"",
    ));
    assert_eq!(error.reason_code(), "CONFIG_PARSE");
    assert!(error.key() == "fail_policy.WS_STALE_DEGRADE", "{error}");
}
