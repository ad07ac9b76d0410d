#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "end-to-end test: a failed setup step must fail the test"
)]

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::json;
use support::cdp::Browser;
use support::page::{
    DRAWER, HEADER_DECISION, MODE, OPEN_HEADER_DECISION, REASONS, RELOAD_MARKER, SAME_PAGE,
    SET_RELOAD_MARKER, SYS_MODE, TIMELINE, artifacts_dir, skip_without_chromium,
};
use support::sim::{STALL_TUNING, SimStack, skip_without_launcher};

const RUN_SECONDS: u64 = 110;
const STACK_WAIT: Duration = Duration::from_secs(40);
const STALL_SECONDS: u64 = 12;
const FIRST_FOLD_ATTEMPTS: usize = 300;
const DEGRADE_ATTEMPTS: usize = 100;
const RECOVERY_ATTEMPTS: usize = 300;
const CYCLE_ID_PREFIX: &str = "CYC-";
const DECISION_ID_PREFIX: &str = "DEC-";
const TAB_HEADINGS: &str = "Array.from(document.querySelectorAll('#tab-content h3')).map((h) => h.textContent).join(' | ')";
const SCROLL_TO_TABS: &str = "document.getElementById('tabs').scrollIntoView()";
const CLOSE_DRAWER: &str = "document.getElementById('drawer-close').click()";
const TABS_WITH_ROWS: [(&str, &str); 5] = [
    ("market", "Signals ("),
    ("risk", "Limits as risk enforces them"),
    ("aigate", "Calls ("),
    ("topn", "Rank ("),
    ("orders", "Holdings ("),
];
const STALE_REASON_GONE: &str = "document.getElementById('h-reasons').textContent.includes('WS_STALE_DEGRADE') ? 'stale' : 'cleared'";

fn post_stall(stack: &SimStack) {
    let body = format!("{{\"kind\":\"streams_stall\",\"seconds\":{STALL_SECONDS}}}");
    let answer = stack.post_admin("/admin/faults", &body);
    assert!(answer.starts_with("HTTP/1.1 2"), "stall refused: {answer}");
}

async fn first_fold(browser: &mut Browser, artifacts: &Path) {
    browser.wait_for_text(MODE, "SIM").await;
    browser
        .wait_for_text_within(SYS_MODE, "NORMAL", FIRST_FOLD_ATTEMPTS)
        .await;
    browser
        .wait_for_text_within(TIMELINE, CYCLE_ID_PREFIX, FIRST_FOLD_ATTEMPTS)
        .await;
    browser
        .wait_for_text_within(HEADER_DECISION, DECISION_ID_PREFIX, FIRST_FOLD_ATTEMPTS)
        .await;
    browser
        .screenshot(&artifacts.join("sim_run_first_fold.png"))
        .await;
}

async fn stall_shows_degrade(browser: &mut Browser, stack: &SimStack, artifacts: &Path) {
    browser.eval(SET_RELOAD_MARKER).await;
    let stalled_at = Instant::now();
    post_stall(stack);
    browser
        .wait_for_text_within(SYS_MODE, "DEGRADE", DEGRADE_ATTEMPTS)
        .await;
    browser
        .wait_for_text_within(REASONS, "WS_STALE_DEGRADE", DEGRADE_ATTEMPTS)
        .await;
    println!(
        "figure: DEGRADE with WS_STALE_DEGRADE shown {} ms after the stall was posted",
        stalled_at.elapsed().as_millis()
    );
    browser.wait_for_text(RELOAD_MARKER, SAME_PAGE).await;
    browser
        .screenshot(&artifacts.join("sim_run_degrade_without_reload.png"))
        .await;
}

async fn decision_drawer(browser: &mut Browser, artifacts: &Path) {
    let opened = browser.eval(OPEN_HEADER_DECISION).await;
    let decision = opened.as_str().unwrap().to_owned();
    assert!(decision.starts_with(DECISION_ID_PREFIX), "{decision}");
    let drawer = browser.wait_for_text(DRAWER, "AIGateResult (1)").await;
    let title = browser
        .eval("document.getElementById('drawer-title').textContent")
        .await;
    assert_eq!(title, json!(format!("decision {decision}")));
    for step in [
        "Snapshot refs (",
        "Decision (regime, microstructure, edge, plans) (1)",
        "RiskVerdict (",
        "Reconcile diffs (",
    ] {
        assert!(drawer.contains(step), "drawer lacks {step}: {drawer}");
    }
    assert!(
        !drawer.contains("Snapshot refs (0)"),
        "no snapshot ref: {drawer}"
    );
    browser
        .screenshot(&artifacts.join("sim_run_decision_drawer.png"))
        .await;
}

async fn every_tab_renders(browser: &mut Browser, artifacts: &Path) {
    browser.eval(CLOSE_DRAWER).await;
    for (tab, heading) in TABS_WITH_ROWS {
        let click = format!("document.querySelector('#tabs button[data-tab=\"{tab}\"]').click()");
        browser.eval(&click).await;
        let headings = browser.wait_for_text(TAB_HEADINGS, heading).await;
        println!("tab {tab}: {headings}");
        browser.eval(SCROLL_TO_TABS).await;
        browser
            .screenshot(&artifacts.join(format!("sim_run_tab_{tab}.png")))
            .await;
    }
    let market = browser.eval(TAB_HEADINGS).await;
    assert!(
        !market.as_str().unwrap_or_default().is_empty(),
        "the last tab shows no table"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_stream_stall_of_a_sim_run_turns_the_open_dashboard_to_degrade_without_reload() {
    if skip_without_chromium() || skip_without_launcher() {
        return;
    }
    let started = Instant::now();
    let mut stack = SimStack::start(RUN_SECONDS, &STALL_TUNING);
    let address = tokio::task::block_in_place(|| stack.wait_for_stack(STACK_WAIT));
    assert!(address.ip().is_loopback());
    let artifacts = artifacts_dir();
    let profile = tempfile::tempdir().unwrap();
    let mut browser = Browser::launch(profile.path()).await;
    let url = format!("http://{address}/dashboard");
    browser.call("Page.navigate", json!({ "url": url })).await;
    first_fold(&mut browser, &artifacts).await;
    stall_shows_degrade(&mut browser, &stack, &artifacts).await;
    decision_drawer(&mut browser, &artifacts).await;
    browser
        .wait_for_text_within(SYS_MODE, "NORMAL", RECOVERY_ATTEMPTS)
        .await;
    browser.wait_for_text(STALE_REASON_GONE, "cleared").await;
    browser.wait_for_text(RELOAD_MARKER, SAME_PAGE).await;
    browser
        .screenshot(&artifacts.join("sim_run_recovered.png"))
        .await;
    every_tab_renders(&mut browser, &artifacts).await;
    browser.close().await;
    let exit = tokio::task::block_in_place(|| stack.stop());
    assert!(
        exit.is_some_and(|status| status.success()),
        "{}",
        stack.console()
    );
    println!(
        "screenshots: {}; whole run {} s",
        artifacts.display(),
        started.elapsed().as_secs()
    );
}
