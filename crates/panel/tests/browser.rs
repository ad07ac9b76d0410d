#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use std::net::SocketAddr;

use livespot_domain::SysMode;
use livespot_panel::{PanelState, app, bind_loopback, served_hosts};
use serde_json::json;
use support::cdp::Browser;
use support::fixture;
use support::page::{
    CLOCK, DRAWER, MODE, OPEN_HEADER_DECISION, REASONS, RELOAD_MARKER, SAME_PAGE,
    SET_RELOAD_MARKER, SYS_MODE, TIMELINE, artifacts_dir, skip_without_chromium,
};

async fn serve(state: PanelState) -> SocketAddr {
    let listener = bind_loopback("127.0.0.1", 0).await.unwrap();
    let local = listener.local_addr().unwrap();
    let router = app(PanelState {
        served_hosts: served_hosts(local).into(),
        ..state
    });
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    local
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headless_chromium_follows_the_mode_live_and_opens_a_decision_drawer() {
    if skip_without_chromium() {
        return;
    }
    let fixture = fixture(true);
    let local = serve(fixture.state.clone()).await;
    let profile = tempfile::tempdir().unwrap();
    let artifacts = artifacts_dir();
    let mut browser = Browser::launch(profile.path()).await;
    let url = format!("http://{local}/dashboard");
    browser.call("Page.navigate", json!({ "url": url })).await;
    browser.wait_for_text(MODE, "SIM").await;
    browser.wait_for_text(CLOCK, "time-lapse ×240").await;
    browser.wait_for_text(SYS_MODE, "NORMAL").await;
    browser.wait_for_text(TIMELINE, "DEEP_SCAN").await;
    browser.screenshot(&artifacts.join("first_fold.png")).await;
    browser.eval(SET_RELOAD_MARKER).await;
    fixture.mode.send(SysMode::Degrade).unwrap();
    browser.wait_for_text(SYS_MODE, "DEGRADE").await;
    browser.wait_for_text(REASONS, "WS_STALE_DEGRADE").await;
    browser.wait_for_text(RELOAD_MARKER, SAME_PAGE).await;
    browser
        .screenshot(&artifacts.join("degrade_without_reload.png"))
        .await;
    browser.eval(OPEN_HEADER_DECISION).await;
    let drawer = browser.wait_for_text(DRAWER, "AIGateResult (1)").await;
    for step in [
        "Snapshot refs (1)",
        "RiskVerdict (1)",
        "Fills (1)",
        "Reconcile diffs (1)",
    ] {
        assert!(drawer.contains(step), "drawer lacks {step}: {drawer}");
    }
    browser
        .screenshot(&artifacts.join("decision_drawer.png"))
        .await;
    browser.close().await;
    println!("screenshots: {}", artifacts.display());
}
