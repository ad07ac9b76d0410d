mod common;

use std::sync::Arc;

use common::{
    assert_check, check, healthy, healthy_with, permissions, post_admin, write_endpoints,
};
use livespot_doctor::{CheckStatus, FixedSecrets};

#[tokio::test]
async fn a_key_allowed_to_withdraw_fails() {
    let setup = healthy_with(permissions(true)).await;
    let report = setup.report().await;
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Fail,
        "LIVE_KEY_CAN_WITHDRAW",
    );
    assert!(
        check(&report, "api_key_permissions")
            .detail
            .contains("withdrawals on")
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_key_without_ip_restriction_warns() {
    let mut unrestricted = permissions(false);
    unrestricted.ip_restrict = false;
    let setup = healthy_with(unrestricted).await;
    let report = setup.report().await;
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Warn,
        "DOCTOR_KEY_IP_UNRESTRICTED",
    );
    setup.stop().await;
}

#[tokio::test]
async fn clock_skew_from_the_simulator_fails() {
    let setup = healthy().await;
    let sim = setup.sim.as_ref().unwrap();
    post_admin(
        sim,
        "/admin/faults",
        serde_json::json!({"kind": "clock_skew", "ms": 5_000}),
    )
    .await;
    let report = setup.report().await;
    assert_check(
        &report,
        "clock_offset",
        CheckStatus::Fail,
        "LIVE_CLOCK_OFFSET_EXCEEDED",
    );
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Pass,
        "DOCTOR_CHECK_PASSED",
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_closed_port_is_unreachable() {
    let setup = healthy().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}");
    write_endpoints(
        &setup.var(),
        &serde_json::json!({"rest": url, "ws": "", "ws_api": "", "admin": ""}).to_string(),
    );
    let mut live = setup.inputs.clone();
    live.live_checklist = true;
    let report = livespot_doctor::run_checklist(&live).await;
    assert_check(
        &report,
        "venue_reachable",
        CheckStatus::Fail,
        "DOCTOR_VENUE_UNREACHABLE",
    );
    assert_check(
        &report,
        "clock_offset",
        CheckStatus::Fail,
        "DOCTOR_CLOCK_UNMEASURED",
    );
    assert!(check(&report, "venue_reachable").detail.contains(&url));
    setup.stop().await;
}

#[tokio::test]
async fn absent_credentials_warn_outside_live_and_fail_the_live_checklist() {
    let mut setup = healthy().await;
    setup.inputs.credentials_file = None;
    setup.inputs.secrets = Arc::new(FixedSecrets::default());
    let report = setup.report().await;
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Warn,
        "DOCTOR_CREDENTIALS_ABSENT",
    );
    assert_check(
        &report,
        "secrets",
        CheckStatus::Warn,
        "DOCTOR_SECRET_MISSING",
    );
    setup.inputs.live_checklist = true;
    let live = setup.report().await;
    assert_check(
        &live,
        "api_key_permissions",
        CheckStatus::Fail,
        "DOCTOR_CREDENTIALS_ABSENT",
    );
    assert_check(&live, "secrets", CheckStatus::Fail, "DOCTOR_SECRET_MISSING");
    setup.stop().await;
}

#[tokio::test]
async fn an_unknown_key_fails_the_permission_check() {
    let setup = healthy().await;
    let path = setup.inputs.credentials_file.clone().unwrap();
    std::fs::write(
        &path,
        "api_key = \"unknownKey9\"\napi_secret = \"whatever\"\n",
    )
    .unwrap();
    let report = setup.report().await;
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Fail,
        "DOCTOR_KEY_CHECK_FAILED",
    );
    setup.stop().await;
}

#[tokio::test]
async fn a_venue_that_never_answers_is_unreachable_within_the_timeout() {
    let mut setup = healthy().await;
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    write_endpoints(
        &setup.var(),
        &serde_json::json!({"rest": url, "ws": "", "ws_api": "", "admin": ""}).to_string(),
    );
    setup.inputs.venue_timeout = std::time::Duration::from_millis(300);
    let report = setup.report().await;
    assert_check(
        &report,
        "venue_reachable",
        CheckStatus::Fail,
        "DOCTOR_VENUE_UNREACHABLE",
    );
    assert_check(
        &report,
        "api_key_permissions",
        CheckStatus::Warn,
        "DOCTOR_KEY_CHECK_FAILED",
    );
    drop(silent);
    setup.stop().await;
}
