mod common;

use livespot_config::{Config, SHIPPED_CONFIG_TEXT, hash_bytes};

#[test]
fn hash_is_sha256_hex_of_the_file_bytes() {
    let config = Config::shipped().unwrap();
    assert_eq!(config.hash().len(), 64);
    assert_eq!(config.hash(), hash_bytes(SHIPPED_CONFIG_TEXT.as_bytes()));
    assert_eq!(
        hash_bytes(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn hash_is_stable_across_loads() {
    let first = Config::shipped().unwrap();
    let second = Config::from_toml(SHIPPED_CONFIG_TEXT).unwrap();
    assert_eq!(first.hash(), second.hash());
}

#[test]
fn hash_changes_when_a_value_changes() {
    let changed = Config::from_toml(&common::with_value("panel", "port", "8788")).unwrap();
    assert_ne!(changed.hash(), Config::shipped().unwrap().hash());
}

#[test]
fn hash_changes_when_only_whitespace_changes() {
    let spaced = format!("{SHIPPED_CONFIG_TEXT}\n");
    let config = Config::from_toml(&spaced).unwrap();
    assert_eq!(config.panel, Config::shipped().unwrap().panel);
    assert_ne!(config.hash(), Config::shipped().unwrap().hash());
}

#[test]
fn hash_of_a_file_on_disk_matches_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("livespot.toml");
    std::fs::write(&path, SHIPPED_CONFIG_TEXT).unwrap();
    let loaded = Config::load(&path).unwrap();
    assert_eq!(loaded.hash(), hash_bytes(SHIPPED_CONFIG_TEXT.as_bytes()));
}
