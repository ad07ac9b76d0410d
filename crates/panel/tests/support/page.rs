use std::path::{Path, PathBuf};

use super::cdp::chromium_available;

pub const SYS_MODE: &str = "document.getElementById('h-sys-mode').textContent";
pub const MODE: &str = "document.getElementById('h-mode').textContent";
pub const CLOCK: &str = "document.getElementById('h-clock').textContent";
pub const REASONS: &str = "document.getElementById('h-reasons').textContent";
pub const HEADER_DECISION: &str = "document.getElementById('h-decision').textContent";
pub const TIMELINE: &str = "document.getElementById('timeline-body').textContent";
pub const DRAWER: &str = "document.getElementById('drawer').hidden ? '' : document.getElementById('drawer-body').textContent";
pub const RELOAD_MARKER: &str = "String(window.livespotTestMarker)";
pub const SET_RELOAD_MARKER: &str = "window.livespotTestMarker = 'same-page'";
pub const SAME_PAGE: &str = "same-page";
pub const OPEN_HEADER_DECISION: &str = "(() => { const link = document.getElementById('h-decision'); link.click(); return link.dataset.id; })()";

pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("panel-browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn skip_without_chromium() -> bool {
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
