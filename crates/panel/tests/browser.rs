#![allow(clippy::unwrap_used, reason = "test setup fails loudly")]

mod support;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use livespot_domain::SysMode;
use livespot_panel::{PanelState, app, bind_loopback, served_hosts};
use serde_json::json;
use support::cdp::{Browser, chromium_available};
use support::fixture;

const SYS_MODE: &str = "document.getElementById('h-sys-mode').textContent";
const MODE: &str = "document.getElementById('h-mode').textContent";
const REASONS: &str = "document.getElementById('h-reasons').textContent";
const TIMELINE: &str = "document.getElementById('timeline-body').textContent";
const DRAWER: &str = "document.getElementById('drawer').hidden ? '' : document.getElementById('drawer-body').textContent";
const RELOAD_MARKER: &str = "String(window.livespotTestMarker)";

fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("panel-browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

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

fn skip_without_chromium() -> bool {
    if chromium_available() {
        return false;
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "chromium missing in CI"
    );
    println!("notice: chromium not installed (apt-get install -y chromium); browser test skipped");
    true
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
    browser.wait_for_text(SYS_MODE, "NORMAL").await;
    browser.wait_for_text(TIMELINE, "DEEP_SCAN").await;
    browser.screenshot(&artifacts.join("first_fold.png")).await;
    browser
        .eval("window.livespotTestMarker = 'same-page'")
        .await;
    fixture.mode.send(SysMode::Degrade).unwrap();
    browser.wait_for_text(SYS_MODE, "DEGRADE").await;
    browser.wait_for_text(REASONS, "WS_STALE_DEGRADE").await;
    browser.wait_for_text(RELOAD_MARKER, "same-page").await;
    browser
        .screenshot(&artifacts.join("degrade_without_reload.png"))
        .await;
    browser
        .eval("document.getElementById('h-decision').click()")
        .await;
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
