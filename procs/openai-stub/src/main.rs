use std::path::PathBuf;

use clap::Parser;
use livespot_aigate::stub::{StubReply, StubScript, StubServer};

#[derive(Debug, Parser)]
#[command(
    name = "livespot-openai-stub",
    version,
    about = "OpenAI-compatible Chat Completions stub on 127.0.0.1 that answers by script; prints {\"url\": ...} once ready"
)]
struct Cli {
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "verdict",
        help = "JSON script: {\"replies\": [\"allow\", \"timeout\", {\"content\": \"...\"}], \"timeout_sleep_ms\": 30000} or a bare array of replies"
    )]
    script: Option<PathBuf>,
    #[arg(
        long,
        help = "answer every call with: allow | block | modify_conservative | modify_risky | invalid_json | schema_violation | unknown_reason | timeout | http_500 | empty"
    )]
    verdict: Option<StubReply>,
    #[arg(long, default_value_t = 0, help = "port on 127.0.0.1 (0 = any)")]
    port: u16,
    #[arg(
        long,
        help = "how long a timeout reply sleeps before answering (bounded)"
    )]
    timeout_sleep_ms: Option<u64>,
    #[arg(
        long,
        help = "also stop when stdin closes (a supervisor that dies takes the stub with it)"
    )]
    exit_on_stdin_close: bool,
}

async fn stdin_closed() {
    let mut stdin = tokio::io::stdin();
    let mut buffer = [0_u8; 256];
    while let Ok(read) = tokio::io::AsyncReadExt::read(&mut stdin, &mut buffer).await {
        if read == 0 {
            return;
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let script = match (&cli.script, cli.verdict) {
        (Some(path), _) => StubScript::from_file(path)?,
        (None, verdict) => StubScript::always(verdict.unwrap_or(StubReply::Allow)),
    };
    let script = match cli.timeout_sleep_ms {
        Some(sleep_ms) => script.with_timeout_sleep_ms(sleep_ms),
        None => script,
    };
    let server = StubServer::start_on(cli.port, script).await?;
    println!("{}", server.url_line());
    if cli.exit_on_stdin_close {
        tokio::select! {
            signal = tokio::signal::ctrl_c() => signal?,
            () = stdin_closed() => {}
        }
    } else {
        tokio::signal::ctrl_c().await?;
    }
    Ok(())
}
