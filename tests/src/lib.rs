pub mod style;

use std::path::{Path, PathBuf};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

pub fn shared_dir() -> PathBuf {
    workspace_root().join("..").join("shared")
}

pub fn binary_path(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_default();
    let profile_dir = exe.parent().and_then(Path::parent).map_or_else(
        || workspace_root().join("target").join("debug"),
        Path::to_path_buf,
    );
    profile_dir.join(format!("{name}{}", std::env::consts::EXE_SUFFIX))
}

pub fn shared_data_or_skip(relative: &str) -> Option<PathBuf> {
    let path = shared_dir().join("data").join(relative);
    if path.exists() {
        return Some(path);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "shared data missing in CI: {}",
        path.display()
    );
    eprintln!("skipping: shared data not found at {}", path.display());
    None
}
