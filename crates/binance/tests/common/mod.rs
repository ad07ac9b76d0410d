#![allow(dead_code, reason = "shared by several test binaries")]
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly on bad fixtures"
)]

use std::path::PathBuf;

pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
}

pub fn shared_or_skip(relative: &str) -> Option<PathBuf> {
    let path = workspace_root().join("..").join("shared").join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").ok().as_deref() != Some("true"),
        "shared data missing in CI: {}",
        path.display()
    );
    println!("SKIP: shared data not found at {}", path.display());
    None
}

pub fn read_sample(name: &str) -> Option<String> {
    let path = shared_or_skip(&format!("binance/samples/{name}"))?;
    Some(std::fs::read_to_string(path).expect("sample readable"))
}
