use std::io::BufRead;

use tokio::sync::mpsc;

use crate::MAX_CONTROL_LINE_BYTES;

#[derive(Debug)]
pub struct StdinLines {
    lines: mpsc::UnboundedReceiver<String>,
}

impl StdinLines {
    pub fn spawn() -> Self {
        let (sender, lines) = mpsc::unbounded_channel();
        let spawned = std::thread::Builder::new()
            .name("stdin-lines".to_owned())
            .spawn(move || forward_stdin(&sender));
        if let Err(error) = spawned {
            tracing::error!(reason = "STDIN_READER_FAILED", %error, "launcher link unavailable");
        }
        Self { lines }
    }

    pub async fn next_line(&mut self) -> Option<String> {
        self.lines.recv().await
    }
}

fn forward_stdin(sender: &mpsc::UnboundedSender<String>) {
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line.len() > MAX_CONTROL_LINE_BYTES => {
                tracing::warn!(
                    reason = "CONTROL_LINE_TOO_LONG",
                    bytes = line.len(),
                    "launcher line dropped"
                );
            }
            Ok(_) => {
                if sender.send(line.trim_end().to_owned()).is_err() {
                    return;
                }
            }
        }
    }
}
