#![allow(
    dead_code,
    reason = "each test binary uses a different subset of these helpers"
)]
#![expect(
    clippy::unwrap_used,
    clippy::panic,
    clippy::map_unwrap_or,
    reason = "test helpers: a shipped key that is missing means the test itself is broken"
)]

use livespot_config::{Config, ConfigError, SHIPPED_CONFIG_TEXT};

pub fn section_bounds(text: &str, section: &str) -> (usize, usize) {
    let header = format!("[{section}]\n");
    let start = text.find(&header).unwrap() + header.len();
    let end = text[start..]
        .find("\n[")
        .map_or(text.len(), |offset| start + offset + 1);
    (start, end)
}

pub fn with_value(section: &str, key: &str, value: &str) -> String {
    set(SHIPPED_CONFIG_TEXT, section, key, value)
}

pub fn set(text: &str, section: &str, key: &str, value: &str) -> String {
    let (start, end) = section_bounds(text, section);
    let body = &text[start..end];
    let prefix = format!("{key} = ");
    let line_start = start
        + body
            .lines()
            .scan(0, |offset, line| {
                let here = *offset;
                *offset += line.len() + 1;
                Some((here, line))
            })
            .find(|(_, line)| line.starts_with(&prefix))
            .map(|(offset, _)| offset)
            .unwrap_or_else(|| panic!("{section}.{key} not in the shipped file"));
    let line_end = line_start + text[line_start..].find('\n').unwrap();
    format!(
        "{}{prefix}{value}{}",
        &text[..line_start],
        &text[line_end..]
    )
}

pub fn with_extra_line(section: Option<&str>, line: &str) -> String {
    let text = SHIPPED_CONFIG_TEXT;
    let at = section.map_or(0, |name| section_bounds(text, name).0);
    format!("{}{line}\n{}", &text[..at], &text[at..])
}

pub fn rejected(text: &str) -> ConfigError {
    Config::from_toml(text).unwrap_err()
}
