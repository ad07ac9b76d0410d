use crate::record::EventRecord;

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

fn short_escape(byte: u8) -> Option<&'static [u8]> {
    match byte {
        b'"' => Some(b"\\\""),
        b'\\' => Some(b"\\\\"),
        0x08 => Some(b"\\b"),
        0x09 => Some(b"\\t"),
        0x0A => Some(b"\\n"),
        0x0C => Some(b"\\f"),
        0x0D => Some(b"\\r"),
        _ => None,
    }
}

fn push_escaped_byte(out: &mut Vec<u8>, byte: u8) {
    if let Some(escape) = short_escape(byte) {
        out.extend_from_slice(escape);
        return;
    }
    let high = HEX_DIGITS[usize::from(byte >> 4)];
    let low = HEX_DIGITS[usize::from(byte & 0x0F)];
    out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
}

const fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

pub(crate) fn push_json_str(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut copied = 0;
    for (index, byte) in bytes.iter().enumerate() {
        if needs_escape(*byte) {
            out.extend_from_slice(bytes.get(copied..index).unwrap_or_default());
            push_escaped_byte(out, *byte);
            copied = index + 1;
        }
    }
    out.extend_from_slice(bytes.get(copied..).unwrap_or_default());
    out.push(b'"');
}

pub(crate) fn push_u64(out: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + u8::try_from(value % 10).unwrap_or(0);
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend(digits.iter().skip(start).copied());
}

pub(crate) fn push_i64(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        out.push(b'-');
    }
    push_u64(out, value.unsigned_abs());
}

fn push_optional(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => push_json_str(out, text),
        None => out.extend_from_slice(b"null"),
    }
}

pub(crate) fn push_list(out: &mut Vec<u8>, items: &[String]) {
    out.push(b'[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        push_json_str(out, item);
    }
    out.push(b']');
}

pub(crate) fn write_canonical(out: &mut Vec<u8>, record: &EventRecord) {
    let ids = &record.ids;
    out.extend_from_slice(b"{\"cycle_id\":");
    push_optional(out, ids.cycle_id.as_deref());
    out.extend_from_slice(b",\"decision_id\":");
    push_optional(out, ids.decision_id.as_deref());
    out.extend_from_slice(b",\"event_type\":");
    push_json_str(out, &record.event_type);
    out.extend_from_slice(b",\"order_intent_id\":");
    push_optional(out, ids.order_intent_id.as_deref());
    out.extend_from_slice(b",\"payload_json\":");
    push_json_str(out, &record.payload_json);
    out.extend_from_slice(b",\"reason_codes\":");
    push_list(out, &record.reason_codes);
    out.extend_from_slice(b",\"run_id\":");
    push_optional(out, ids.run_id.as_deref());
    out.extend_from_slice(b",\"sender\":");
    push_json_str(out, &record.sender);
    out.extend_from_slice(b",\"seq\":");
    push_u64(out, record.seq);
    out.extend_from_slice(b",\"snapshot_id\":");
    push_optional(out, ids.snapshot_id.as_deref());
    out.extend_from_slice(b",\"source\":");
    push_json_str(out, &record.source);
    out.extend_from_slice(b",\"ts_ms\":");
    push_i64(out, record.ts_ms);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::sample_record;

    const AWKWARD_TEXTS: [&str; 9] = [
        "",
        "plain",
        "quote \" and backslash \\ and slash /",
        "{\"symbol\":\"BTCUSDT\",\"nested\":{\"a\":[1,2.5,null]}}",
        "controls \u{0} \u{1} \u{8} \t \n \u{b} \u{c} \r \u{1f} \u{7f}",
        "unicode é ü 漢字 🚀 \u{2028} \u{2029}",
        "\\u0041 stays as typed",
        "trailing backslash \\",
        "\"",
    ];

    fn serde_text(text: &str) -> Vec<u8> {
        serde_json::to_vec(text).unwrap()
    }

    #[test]
    fn strings_are_escaped_exactly_like_serde_json() {
        for text in AWKWARD_TEXTS {
            let mut out = Vec::new();
            push_json_str(&mut out, text);
            assert_eq!(out, serde_text(text), "{text:?}");
        }
        for byte in 0_u8..=0x7F {
            let text = String::from(char::from(byte));
            let mut out = Vec::new();
            push_json_str(&mut out, &text);
            assert_eq!(out, serde_text(&text), "byte {byte}");
        }
    }

    #[test]
    fn integers_are_written_like_serde_json() {
        for value in [
            0_i64,
            1,
            9,
            10,
            -1,
            -10,
            i64::MIN,
            i64::MAX,
            1_764_000_000_000,
        ] {
            let mut out = Vec::new();
            push_i64(&mut out, value);
            assert_eq!(out, serde_json::to_vec(&value).unwrap());
        }
        let mut out = Vec::new();
        push_u64(&mut out, u64::MAX);
        assert_eq!(out, serde_json::to_vec(&u64::MAX).unwrap());
    }

    #[test]
    fn canonical_bytes_equal_the_serde_canonical_json() {
        let mut record = sample_record("strategy", 42, "DECISION");
        for (index, text) in AWKWARD_TEXTS.iter().enumerate() {
            record.payload_json = (*text).to_owned();
            record.reason_codes = AWKWARD_TEXTS[..index]
                .iter()
                .map(|t| (*t).to_owned())
                .collect();
            record.ids.snapshot_id = (index % 2 == 0).then(|| (*text).to_owned());
            record.ids.run_id = (index % 3 == 0).then(|| "run-\"x\"".to_owned());
            record.ts_ms = if index % 2 == 0 { -7 } else { i64::MAX };
            record.seq = u64::MAX - index as u64;
            let mut fast = Vec::new();
            write_canonical(&mut fast, &record);
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                record.canonical_json(),
                "{text:?}"
            );
        }
    }
}
