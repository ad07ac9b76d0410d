use std::path::{Path, PathBuf};

use livespot_config::Config;
use livespot_replay::{
    DEFAULT_EQUITY, DEFAULT_INTERVAL_MINUTES, DecisionsRequest, Summary, from_config, run_decisions,
};

const SYMBOLS: [&str; 5] = ["BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT", "XRPUSDT"];
const WINDOW: &str = "1m-2026-03-23_2026-04-22.csv";

fn shared_klines_or_skip() -> Option<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("..");
    let klines = workspace
        .join("..")
        .join("shared")
        .join("data")
        .join("klines");
    if klines.is_dir() {
        return Some(klines);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "shared data missing in CI: {}",
        klines.display()
    );
    eprintln!("skipping: shared data not found at {}", klines.display());
    None
}

type Replayed = Result<(Vec<u8>, Summary), Box<dyn std::error::Error + Send + Sync>>;

fn replay_once(request: &DecisionsRequest) -> Replayed {
    let params = from_config(&Config::shipped()?);
    let mut out = Vec::new();
    let summary = run_decisions(request, &params, &mut out)?;
    Ok((out, summary))
}

#[test]
fn thirty_days_of_five_symbols_give_both_regimes_entries_varied_blocks_and_identical_bytes() {
    let Some(dir) = shared_klines_or_skip() else {
        return;
    };
    let request = DecisionsRequest {
        klines: SYMBOLS
            .iter()
            .map(|s| dir.join(format!("{s}-{WINDOW}")))
            .collect(),
        equity: DEFAULT_EQUITY,
        interval_minutes: DEFAULT_INTERVAL_MINUTES,
    };
    let ((first, summary), (second, _)) = std::thread::scope(|scope| {
        let left = scope.spawn(|| replay_once(&request));
        let right = replay_once(&request);
        (left.join().unwrap().unwrap(), right.unwrap())
    });
    assert!(first == second, "two replays differ");
    assert_eq!(summary.klines, 215_996);
    assert!(
        summary.regimes_seen.get("TREND").copied().unwrap_or(0) > 0,
        "{summary:?}"
    );
    assert!(
        summary.regimes_seen.get("RANGE").copied().unwrap_or(0) > 0,
        "{summary:?}"
    );
    assert!(summary.entries_proposed > 0, "{summary:?}");
    assert!(summary.blocks_by_reason.len() >= 3, "{summary:?}");
    assert!(
        summary.blocks_by_reason.contains_key("EDGE_BELOW_MIN"),
        "{summary:?}"
    );
    let text = String::from_utf8(first).unwrap();
    let last = text.lines().last().unwrap();
    let parsed: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(parsed["type"], "summary");
    assert_eq!(parsed["decisions"], summary.decisions);
    let entry_lines = text
        .lines()
        .filter(|l| l.contains("\"outcome\":\"ENTRY\""))
        .count();
    assert_eq!(
        u64::try_from(entry_lines).unwrap(),
        summary.entries_proposed
    );
    assert!(
        text.lines()
            .filter(|l| l.contains("\"outcome\":\"ENTRY\""))
            .all(|l| l.contains("\"decision_hash\":\""))
    );
}
