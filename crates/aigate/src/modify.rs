use livespot_domain::{AiModification, Decision, EntryKind, Price, Quantity};

use crate::answer::{AnswerEntryKind, ModifyAnswer};
use crate::error::GateError;

fn invalid(field: &str, detail: impl Into<String>) -> GateError {
    GateError::ModifyInvalid {
        field: field.to_owned(),
        detail: detail.into(),
    }
}

fn parse_price(field: &str, text: Option<&String>) -> Result<Option<Price>, GateError> {
    text.map(|t| Price::parse(t).map_err(|v| invalid(field, v.detail)))
        .transpose()
}

fn entry_kind(answer: &ModifyAnswer, decision: &Decision) -> Result<Option<EntryKind>, GateError> {
    let current_ttl = match decision.entry.kind {
        EntryKind::MakerFirst { ttl_ms } => Some(ttl_ms),
        EntryKind::Ioc | EntryKind::Market => None,
    };
    match (answer.entry_kind, answer.ttl_ms) {
        (None, None) => Ok(None),
        (Some(AnswerEntryKind::MakerFirst) | None, Some(ttl_ms)) => {
            if answer.entry_kind.is_none() && current_ttl.is_none() {
                return Err(invalid("ttl_ms", "the entry is not MAKER_FIRST"));
            }
            Ok(Some(EntryKind::MakerFirst { ttl_ms }))
        }
        (Some(AnswerEntryKind::MakerFirst), None) => current_ttl
            .map(|ttl_ms| Some(EntryKind::MakerFirst { ttl_ms }))
            .ok_or_else(|| invalid("ttl_ms", "MAKER_FIRST needs ttl_ms")),
        (Some(AnswerEntryKind::Ioc | AnswerEntryKind::Market), Some(_)) => {
            Err(invalid("ttl_ms", "only MAKER_FIRST has a ttl"))
        }
        (Some(AnswerEntryKind::Ioc), None) => Ok(Some(EntryKind::Ioc)),
        (Some(AnswerEntryKind::Market), None) => Ok(Some(EntryKind::Market)),
    }
}

pub fn to_modification(
    answer: &ModifyAnswer,
    decision: &Decision,
) -> Result<AiModification, GateError> {
    let quantity = answer
        .quantity
        .as_ref()
        .map(|t| Quantity::parse(t).map_err(|v| invalid("quantity", v.detail)))
        .transpose()?;
    Ok(AiModification {
        quantity,
        take_profit: parse_price("take_profit", answer.take_profit.as_ref())?,
        stop_loss: parse_price("stop_loss", answer.stop_loss.as_ref())?,
        entry_kind: entry_kind(answer, decision)?,
        fallback: answer.fallback,
        trailing_delta_bips: answer.trailing_delta_bips,
    })
}
