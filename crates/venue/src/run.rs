use std::io::{BufRead, Write};
use std::path::PathBuf;

use rust_decimal::Decimal;

use crate::error::VenueError;
use crate::options::{AccountSpec, MarketSource, SimOptions};
use crate::server::spawn;
use crate::signal::shutdown_signal;

pub fn parse_market(text: &str) -> Result<MarketSource, String> {
    if text == "synthetic" {
        return Ok(MarketSource::Synthetic);
    }
    match text.strip_prefix("replay:") {
        Some(dir) if !dir.is_empty() => Ok(MarketSource::Replay(PathBuf::from(dir))),
        _ => Err(format!("expected synthetic or replay:<dir>, got {text}")),
    }
}

pub fn parse_speed(text: &str) -> Result<Decimal, String> {
    match text.parse::<Decimal>() {
        Ok(speed) if speed > Decimal::ZERO => Ok(speed),
        _ => Err(format!("speed must be a positive decimal, got {text}")),
    }
}

fn read_account_line() -> Result<AccountSpec, VenueError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|error| VenueError::AccountInvalid {
            detail: format!("cannot read stdin: {error}"),
        })?;
    serde_json::from_str(line.trim()).map_err(|error| VenueError::AccountInvalid {
        detail: format!("stdin account line: {error}"),
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StdinUse {
    pub read_account: bool,
    pub exit_on_eof: bool,
}

pub async fn run(mut options: SimOptions, stdin_use: StdinUse) -> Result<(), VenueError> {
    if stdin_use.read_account {
        options.accounts.push(read_account_line()?);
    }
    let handle = spawn(options).await?;
    let mut stdout = std::io::stdout().lock();
    let printed = writeln!(stdout, "{}", handle.urls_json()).and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(error) = printed {
        tracing::warn!(%error, "cannot print the bound urls");
    }
    if stdin_use.exit_on_eof {
        tokio::select! {
            () = shutdown_signal() => {}
            () = stdin_closed() => tracing::info!("stdin closed: the launcher is gone, shutting down"),
        }
    } else {
        shutdown_signal().await;
    }
    handle.shutdown().await;
    Ok(())
}

async fn stdin_closed() {
    let (closed, wait) = tokio::sync::oneshot::channel::<()>();
    std::thread::spawn(move || {
        let mut sink = Vec::new();
        let drained = std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut sink);
        if let Err(error) = drained {
            tracing::warn!(%error, "stdin read failed; treating it as closed");
        }
        if closed.send(()).is_err() {
            tracing::debug!("stdin closed after shutdown had begun");
        }
    });
    if wait.await.is_err() {
        tracing::warn!("stdin watcher ended without a signal");
    }
}
