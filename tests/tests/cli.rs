use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use livespot_e2e::{binary_path, workspace_root};

const BINARIES: &[&str] = &[
    "livespot-launch",
    "livespot-marketdata",
    "livespot-strategy",
    "livespot-risk",
    "livespot-executor",
    "livespot-audit",
    "livespot-panel",
    "livespot-doctor",
    "livespot-migrate",
    "livespot-sim",
    "livespot-replay",
];
const MODE_FLAGS_WHEN_ADVERTISED: &[&str] = &["--sim"];
const BAD_CONFIG_EXIT_CODE: i32 = 3;
const POLL_INTERVAL: Duration = Duration::from_millis(20);
const MAX_POLLS: u32 = 1_500;

struct Finished {
    status: ExitStatus,
    text: String,
}

fn drain<R: Read + Send + 'static>(source: Option<R>) -> JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut source) = source {
            let mut bytes = Vec::new();
            if source.read_to_end(&mut bytes).is_ok() {
                text = String::from_utf8_lossy(&bytes).into_owned();
            }
        }
        text
    })
}

fn wait_bounded(mut child: Child, label: &str) -> Result<Finished> {
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    for _ in 0..MAX_POLLS {
        if let Some(status) = child.try_wait()? {
            let out = stdout.join().unwrap_or_default();
            let err = stderr.join().unwrap_or_default();
            return Ok(Finished {
                status,
                text: format!("{out}{err}"),
            });
        }
        std::thread::sleep(POLL_INTERVAL);
    }
    child.kill()?;
    child.wait()?;
    bail!("{label} did not exit within the bound and was killed")
}

fn run(name: &str, args: &[&str], dir: &Path) -> Result<Finished> {
    let path = binary_path(name);
    let child = Command::new(&path)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| {
            format!(
                "cannot start {}; build the binaries first (cargo build --workspace --bins)",
                path.display()
            )
        })?;
    wait_bounded(child, &format!("{name} {}", args.join(" ")))
}

fn shipped_config() -> Result<String> {
    let path = workspace_root().join("policies").join("livespot.toml");
    std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

fn run_with_config(name: &str, config: &Path, work: &Path) -> Result<Finished> {
    let help = run(name, &["--help"], work)?.text;
    let config_arg = config.display().to_string();
    let var_arg = work.join("var").display().to_string();
    let mut args = vec!["--config", config_arg.as_str()];
    if help.contains("--var") {
        args.extend(["--var", var_arg.as_str()]);
    }
    args.extend(
        MODE_FLAGS_WHEN_ADVERTISED
            .iter()
            .copied()
            .filter(|flag| help.contains(flag)),
    );
    run(name, &args, work)
}

fn assert_refused(name: &str, finished: &Finished, must_name: &[&str]) -> Result<()> {
    let text = &finished.text;
    if finished.status.success() {
        bail!("{name} accepted a bad config file; output:\n{text}");
    }
    if name != "livespot-doctor" && finished.status.code() != Some(BAD_CONFIG_EXIT_CODE) {
        bail!(
            "{name} exited with {:?}, expected {BAD_CONFIG_EXIT_CODE} (bad config); output:\n{text}",
            finished.status.code()
        );
    }
    for needle in must_name {
        if !text.contains(needle) {
            bail!("{name} output does not name {needle:?}:\n{text}");
        }
    }
    Ok(())
}

fn check_every_binary_refuses(config_text: Option<&str>, must_name: &[&str]) -> Result<()> {
    let work = tempfile::tempdir()?;
    let config = work.path().join("livespot.toml");
    if let Some(text) = config_text {
        std::fs::write(&config, text)?;
    }
    let mut problems = Vec::new();
    for name in BINARIES {
        let finished = run_with_config(name, &config, work.path())?;
        if let Err(problem) = assert_refused(name, &finished, must_name) {
            problems.push(problem.to_string());
        }
    }
    if !problems.is_empty() {
        bail!(
            "{} binaries misbehaved:\n{}",
            problems.len(),
            problems.join("\n---\n")
        );
    }
    Ok(())
}

#[test]
fn every_binary_answers_help_with_a_useful_text() -> Result<()> {
    let work = tempfile::tempdir()?;
    for name in BINARIES {
        let finished = run(name, &["--help"], work.path())?;
        let text = &finished.text;
        if !finished.status.success() {
            bail!(
                "{name} --help exited with {:?}:\n{text}",
                finished.status.code()
            );
        }
        for needle in ["Usage:", name, "--config"] {
            if !text.contains(needle) {
                bail!("{name} --help does not mention {needle:?}:\n{text}");
            }
        }
        if text
            .lines()
            .next()
            .is_none_or(|first| first.trim().len() < 10)
        {
            bail!("{name} --help does not start with a description:\n{text}");
        }
    }
    Ok(())
}

#[test]
fn every_binary_refuses_an_unknown_key_naming_it() -> Result<()> {
    let text = shipped_config()?.replacen("[risk]\n", "[risk]\nmax_leverage = 3\n", 1);
    check_every_binary_refuses(Some(&text), &["CONFIG_UNKNOWN_KEY", "risk.max_leverage"])
}

#[test]
fn every_binary_refuses_an_out_of_range_value_naming_key_and_range() -> Result<()> {
    let text = shipped_config()?.replacen("ai_dec = 2", "ai_dec = 7", 1);
    check_every_binary_refuses(
        Some(&text),
        &["CONFIG_OUT_OF_RANGE", "ai_gate.ai_dec", "0..=2"],
    )
}

#[test]
fn every_binary_refuses_a_missing_config_file_naming_the_path() -> Result<()> {
    check_every_binary_refuses(None, &["CONFIG_UNREADABLE", "livespot.toml"])
}

#[test]
fn shipped_config_is_the_one_every_binary_defaults_to() -> Result<()> {
    let shipped: PathBuf = workspace_root().join("policies").join("livespot.toml");
    let work = tempfile::tempdir()?;
    let finished = run("livespot-doctor", &["--help"], work.path())?;
    if !finished.text.contains("policies/livespot.toml") {
        bail!("default config path not advertised:\n{}", finished.text);
    }
    if !shipped.exists() {
        bail!("{} is missing", shipped.display());
    }
    Ok(())
}
