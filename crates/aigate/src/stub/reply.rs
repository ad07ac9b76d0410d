use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::{Value, json};

use crate::wire::ChatRequest;

use super::script::StubReply;

const FALLBACK_QUANTITY: &str = "1";

fn facts_quantity(request: &ChatRequest) -> Option<Decimal> {
    let user = request.user_content()?;
    let start = user.find("```json\n")? + "```json\n".len();
    let end = user[start..].find("\n```")? + start;
    let facts: Value = serde_json::from_str(&user[start..end]).ok()?;
    Decimal::from_str(facts.get("quantity")?.as_str()?).ok()
}

pub fn conservative_quantity(request: &ChatRequest) -> String {
    facts_quantity(request).map_or_else(
        || FALLBACK_QUANTITY.to_owned(),
        |quantity| (quantity / Decimal::TWO).normalize().to_string(),
    )
}

pub fn risky_quantity(request: &ChatRequest) -> String {
    facts_quantity(request).map_or_else(
        || "1000000".to_owned(),
        |quantity| (quantity * Decimal::TWO).normalize().to_string(),
    )
}

fn modify_with_quantity(quantity: &str) -> String {
    json!({
        "verdict": "MODIFY",
        "reason_codes": ["SPREAD_TOO_WIDE"],
        "modify": {
            "quantity": quantity,
            "stop_loss": null,
            "take_profit": null,
            "trailing_delta_bips": null,
            "entry_kind": null,
            "ttl_ms": null,
            "fallback": null
        }
    })
    .to_string()
}

pub fn content_for(reply: &StubReply, request: &ChatRequest) -> String {
    match reply {
        StubReply::Allow | StubReply::Timeout | StubReply::Http500 => {
            json!({"verdict": "ALLOW", "reason_codes": [], "modify": null}).to_string()
        }
        StubReply::Block => {
            json!({"verdict": "BLOCK", "reason_codes": ["AI_BLOCKED"], "modify": null}).to_string()
        }
        StubReply::ModifyConservative => modify_with_quantity(&conservative_quantity(request)),
        StubReply::ModifyRisky => modify_with_quantity(&risky_quantity(request)),
        StubReply::InvalidJson => "{\"verdict\": \"ALLOW\", \"reason_codes\": [".to_owned(),
        StubReply::SchemaViolation => json!({
            "verdict": "PERHAPS",
            "reason_codes": [],
            "modify": null,
            "confidence": 0.9
        })
        .to_string(),
        StubReply::UnknownReason => json!({
            "verdict": "BLOCK",
            "reason_codes": ["MOON_IN_RETROGRADE"],
            "modify": null
        })
        .to_string(),
        StubReply::Empty => String::new(),
        StubReply::Content(text) => text.clone(),
    }
}
