use std::path::Path;
use std::process::{Command, Output};

use anyhow::{Context, Result, bail};
use livespot_e2e::{binary_path, shared_data_or_skip, workspace_root};

const BTC: &str = "klines/BTCUSDT-1m-2024-08-08_2024-08-09.csv";
const ETH: &str = "klines/ETHUSDT-1m-2024-08-08_2024-08-09.csv";

fn replay(args: &[&str], dir: &Path) -> Result<Output> {
    let path = binary_path("livespot-replay");
    Command::new(&path)
        .args(args)
        .current_dir(dir)
        .output()
        .with_context(|| format!("cannot start {}; build the binaries first", path.display()))
}

#[test]
fn replay_decisions_prints_identical_json_lines_and_a_summary_twice() -> Result<()> {
    let (Some(btc), Some(eth)) = (shared_data_or_skip(BTC), shared_data_or_skip(ETH)) else {
        return Ok(());
    };
    let root = workspace_root();
    let config = root
        .join("policies")
        .join("livespot.toml")
        .display()
        .to_string();
    let (btc, eth) = (btc.display().to_string(), eth.display().to_string());
    let args = [
        "decisions",
        "--klines",
        btc.as_str(),
        eth.as_str(),
        "--config",
        config.as_str(),
    ];
    let first = replay(&args, &root)?;
    let second = replay(&args, &root)?;
    if !first.status.success() {
        bail!("replay failed: {}", String::from_utf8_lossy(&first.stderr));
    }
    if first.stdout != second.stdout {
        bail!("two replays of the same klines printed different bytes");
    }
    let text = String::from_utf8(first.stdout)?;
    let summary: serde_json::Value = serde_json::from_str(text.lines().last().unwrap_or_default())?;
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["klines"], 5760);
    let decisions = text
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"decision\""))
        .count();
    assert!(decisions > 0, "no decision lines:\n{text}");
    assert_eq!(summary["decisions"], u64::try_from(decisions)?);
    Ok(())
}

#[test]
fn replay_decisions_names_an_unreadable_kline_file() -> Result<()> {
    let work = tempfile::tempdir()?;
    let config = workspace_root()
        .join("policies")
        .join("livespot.toml")
        .display()
        .to_string();
    let missing = work
        .path()
        .join("BTCUSDT-1m-missing.csv")
        .display()
        .to_string();
    let output = replay(
        &[
            "--config",
            config.as_str(),
            "decisions",
            "--klines",
            missing.as_str(),
        ],
        work.path(),
    )?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("REPLAY_READ_FAILED") && stderr.contains("BTCUSDT-1m-missing.csv"),
        "{stderr}"
    );
    Ok(())
}
