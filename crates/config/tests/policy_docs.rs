use std::collections::BTreeMap;
use std::path::PathBuf;

use livespot_config::Config;

fn policies_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../policies")
}

fn documented_fail_policy(text: &str) -> Option<BTreeMap<String, String>> {
    let section = text.split("## FAIL POLICY").nth(1)?;
    let table = section.split("\n## ").next()?;
    let rows = table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let code = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            let mode = *cells.get(2)?;
            matches!(mode, "DEGRADE" | "PAUSE").then(|| (code.to_owned(), mode.to_owned()))
        })
        .collect();
    Some(rows)
}

#[test]
fn fail_policy_document_matches_livespot_toml() {
    let configured: BTreeMap<String, String> = Config::shipped()
        .unwrap()
        .fail_policy
        .actions
        .iter()
        .map(|(code, action)| (code.clone(), action.as_str().to_owned()))
        .collect();
    let text =
        std::fs::read_to_string(policies_dir().join("05_EXECUTION_AND_FAILSAFE.md")).unwrap();
    let documented = documented_fail_policy(&text).unwrap();
    assert!(!documented.is_empty(), "no FAIL POLICY rows found in 05");
    assert_eq!(documented, configured);
}

const POLICY_DOCUMENTS: [&str; 13] = [
    "00_SOURCE_OF_TRUTH.md",
    "01_DECISION_CONTRACT.md",
    "02_DATA_SNAPSHOT_SPEC.md",
    "03_STRATEGY.md",
    "04_RISK_ENGINE_RULES.md",
    "05_EXECUTION_AND_FAILSAFE.md",
    "06_AUDIT_RULES.md",
    "07_SECURITY.md",
    "08_SYSTEM_ARCHITECTURE.md",
    "09_CODE_STRUCTURE.md",
    "10_OPERATIONS_RULES.md",
    "11_INVARIANTS_MAP.md",
    "12_DECISIONS_LOG.md",
];

#[test]
fn every_numbered_policy_document_exists_and_is_listed_in_00() {
    let index = std::fs::read_to_string(policies_dir().join("00_SOURCE_OF_TRUTH.md")).unwrap();
    for name in POLICY_DOCUMENTS {
        let text = std::fs::read_to_string(policies_dir().join(name))
            .unwrap_or_else(|error| panic!("policies/{name}: {error}"));
        assert!(text.starts_with("# "), "policies/{name} has no title");
        assert!(
            index.contains(name),
            "00_SOURCE_OF_TRUTH.md does not list {name}"
        );
    }
}
