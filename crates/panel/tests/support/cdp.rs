use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

pub const CHROMIUM: &str = "chromium";
pub const REPLY_WAIT: Duration = Duration::from_secs(15);
pub const POLL_EVERY: Duration = Duration::from_millis(100);
pub const POLL_ATTEMPTS: usize = 150;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub fn chromium_available() -> bool {
    Command::new(CHROMIUM)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

pub struct Browser {
    child: Option<Child>,
    devtools_ws: String,
    page: Socket,
    next_id: u64,
}

fn devtools_url(child: &mut Child) -> String {
    let stderr = child.stderr.take().unwrap();
    let (found, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(url) = line.strip_prefix("DevTools listening on ")
                && found.send(url.trim().to_owned()).is_err()
            {
                return;
            }
        }
    });
    receiver.recv_timeout(Duration::from_secs(30)).unwrap()
}

fn page_ws_url(devtools_ws: &str) -> String {
    let host = devtools_ws
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let mut stream = TcpStream::connect(&host).unwrap();
    stream.set_read_timeout(Some(REPLY_WAIT)).unwrap();
    write!(
        stream,
        "GET /json/list HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let targets: Value = serde_json::from_str(&read_http_body(&mut stream)).unwrap();
    targets
        .as_array()
        .unwrap()
        .iter()
        .find(|target| target["type"] == "page")
        .and_then(|target| target["webSocketDebuggerUrl"].as_str())
        .unwrap()
        .to_owned()
}

fn read_http_body(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length = head
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap();
            if body.len() >= length {
                return body[..length].to_owned();
            }
        }
        let read = stream.read(&mut chunk).unwrap();
        assert!(read > 0, "devtools closed the connection early");
        received.extend_from_slice(&chunk[..read]);
    }
}

async fn call_on(socket: &mut Socket, id: u64, method: &str, params: Value) -> Value {
    let request = json!({"id": id, "method": method, "params": params}).to_string();
    socket.send(Message::text(request)).await.unwrap();
    loop {
        let message = tokio::time::timeout(REPLY_WAIT, socket.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let Message::Text(text) = message {
            let reply: Value = serde_json::from_str(text.as_str()).unwrap();
            if reply["id"] == id {
                return reply["result"].clone();
            }
        }
    }
}

impl Browser {
    pub async fn launch(profile: &Path) -> Self {
        let mut child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-breakpad",
                "--window-size=1400,1000",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let devtools_ws = devtools_url(&mut child);
        let page_url = {
            let devtools_ws = devtools_ws.clone();
            tokio::task::spawn_blocking(move || page_ws_url(&devtools_ws))
                .await
                .unwrap()
        };
        let (page, _) = tokio_tungstenite::connect_async(page_url).await.unwrap();
        Self {
            child: Some(child),
            devtools_ws,
            page,
            next_id: 0,
        }
    }

    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        call_on(&mut self.page, self.next_id, method, params).await
    }

    pub async fn eval(&mut self, expression: &str) -> Value {
        let params = json!({"expression": expression, "returnByValue": true});
        self.call("Runtime.evaluate", params).await["result"]["value"].clone()
    }

    pub async fn wait_for_text(&mut self, expression: &str, expected: &str) -> String {
        self.wait_for_text_within(expression, expected, POLL_ATTEMPTS)
            .await
    }

    #[allow(
        clippy::panic,
        reason = "a test helper reports a page that never reached the expected state"
    )]
    pub async fn wait_for_text_within(
        &mut self,
        expression: &str,
        expected: &str,
        attempts: usize,
    ) -> String {
        let mut seen = String::new();
        for _ in 0..attempts {
            let value = self.eval(expression).await;
            value.as_str().unwrap_or_default().clone_into(&mut seen);
            if seen.contains(expected) {
                return seen;
            }
            tokio::time::sleep(POLL_EVERY).await;
        }
        panic!("{expression} never showed {expected}; last seen {seen:?}")
    }

    pub async fn screenshot(&mut self, path: &Path) {
        let shot = self
            .call("Page.captureScreenshot", json!({"format": "png"}))
            .await;
        let bytes = decode_base64(shot["data"].as_str().unwrap());
        std::fs::write(path, bytes).unwrap();
    }

    pub async fn close(mut self) {
        let (mut browser, _) = tokio_tungstenite::connect_async(self.devtools_ws.as_str())
            .await
            .unwrap();
        let request = json!({"id": 1, "method": "Browser.close"}).to_string();
        browser.send(Message::text(request)).await.unwrap();
        let mut child = self.child.take().unwrap();
        let exited = tokio::task::spawn_blocking(move || {
            for _ in 0..POLL_ATTEMPTS {
                if let Ok(Some(status)) = child.try_wait() {
                    return Some(status);
                }
                std::thread::sleep(POLL_EVERY);
            }
            child.kill().unwrap();
            child.wait().ok()
        });
        assert!(exited.await.unwrap().is_some());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take()
            && child.kill().is_ok()
        {
            child.wait().unwrap();
        }
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes().filter(|byte| *byte != b'=') {
        let value = ALPHABET
            .iter()
            .position(|candidate| *candidate == byte)
            .unwrap();
        buffer = (buffer << 6) | u32::try_from(value).unwrap();
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).unwrap());
        }
    }
    out
}
