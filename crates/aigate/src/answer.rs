use std::str::FromStr;

use serde::Deserialize;
use serde_json::{Map, Value};

use livespot_domain::{AiVerdict, Fallback, ReasonCode};

use crate::error::GateError;

pub const MODIFY_FIELDS: [&str; 7] = [
    "quantity",
    "stop_loss",
    "take_profit",
    "trailing_delta_bips",
    "entry_kind",
    "ttl_ms",
    "fallback",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnswerVerdict {
    Allow,
    Block,
    Modify,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AnswerEntryKind {
    MakerFirst,
    Ioc,
    Market,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModifyAnswer {
    #[serde(default)]
    pub quantity: Option<String>,
    #[serde(default)]
    pub stop_loss: Option<String>,
    #[serde(default)]
    pub take_profit: Option<String>,
    #[serde(default)]
    pub trailing_delta_bips: Option<u32>,
    #[serde(default)]
    pub entry_kind: Option<AnswerEntryKind>,
    #[serde(default)]
    pub ttl_ms: Option<u64>,
    #[serde(default)]
    pub fallback: Option<Fallback>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswer {
    verdict: AnswerVerdict,
    reason_codes: Vec<String>,
    #[serde(default)]
    modify: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelAnswer {
    pub verdict: AnswerVerdict,
    pub reason_codes: Vec<ReasonCode>,
    pub modify: Option<ModifyAnswer>,
}

impl AnswerVerdict {
    pub const fn as_ai_verdict(self) -> AiVerdict {
        match self {
            AnswerVerdict::Allow => AiVerdict::Allow,
            AnswerVerdict::Block => AiVerdict::Block,
            AnswerVerdict::Modify => AiVerdict::Modify,
        }
    }
}

pub fn parse_answer(content: &str, allowed: &[ReasonCode]) -> Result<ModelAnswer, GateError> {
    let tree: Value = serde_json::from_str(content).map_err(|error| GateError::Parse {
        detail: format!("answer is not JSON: {error}"),
    })?;
    let raw: RawAnswer = serde_json::from_value(tree).map_err(|error| GateError::Schema {
        detail: error.to_string(),
    })?;
    let reason_codes = known_reasons(&raw.reason_codes, allowed)?;
    let modify = raw.modify.map(modify_answer).transpose()?;
    check_verdict_shape(raw.verdict, modify.as_ref())?;
    let modify = modify.filter(|_| raw.verdict == AnswerVerdict::Modify);
    let reason_codes = if raw.verdict == AnswerVerdict::Block && reason_codes.is_empty() {
        vec![ReasonCode::AiBlocked]
    } else {
        reason_codes
    };
    Ok(ModelAnswer {
        verdict: raw.verdict,
        reason_codes,
        modify,
    })
}

fn known_reasons(codes: &[String], allowed: &[ReasonCode]) -> Result<Vec<ReasonCode>, GateError> {
    codes
        .iter()
        .map(|text| {
            ReasonCode::from_str(text)
                .ok()
                .filter(|code| allowed.contains(code))
                .ok_or_else(|| GateError::UnknownReasonCode {
                    code: text.chars().take(64).collect(),
                })
        })
        .collect()
}

fn modify_answer(fields: Map<String, Value>) -> Result<ModifyAnswer, GateError> {
    if let Some(field) = fields
        .keys()
        .find(|key| !MODIFY_FIELDS.contains(&key.as_str()))
    {
        return Err(GateError::ModifyRiskIncrease {
            field: field.chars().take(64).collect(),
            detail: "a MODIFY may not touch this field".to_owned(),
        });
    }
    serde_json::from_value(Value::Object(fields)).map_err(|error| GateError::Schema {
        detail: format!("modify: {error}"),
    })
}

fn check_verdict_shape(
    verdict: AnswerVerdict,
    modify: Option<&ModifyAnswer>,
) -> Result<(), GateError> {
    match (verdict, modify) {
        (AnswerVerdict::Modify, None) => Err(GateError::ModifyInvalid {
            field: "modify".to_owned(),
            detail: "MODIFY without a modify object".to_owned(),
        }),
        (AnswerVerdict::Modify, Some(fields)) if *fields == ModifyAnswer::default() => {
            Err(GateError::ModifyInvalid {
                field: "modify".to_owned(),
                detail: "MODIFY changes nothing".to_owned(),
            })
        }
        (AnswerVerdict::Allow | AnswerVerdict::Block, Some(fields))
            if *fields != ModifyAnswer::default() =>
        {
            Err(GateError::Schema {
                detail: "only MODIFY carries a modify object".to_owned(),
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: [ReasonCode; 2] = [ReasonCode::AiBlocked, ReasonCode::SpreadTooWide];

    fn reason_of(content: &str) -> Option<ReasonCode> {
        parse_answer(content, &ALLOWED).err().map(|e| e.reason())
    }

    #[test]
    fn well_formed_answers_parse() {
        let allow = parse_answer(
            r#"{"verdict":"ALLOW","reason_codes":[],"modify":null}"#,
            &ALLOWED,
        )
        .unwrap();
        assert_eq!(allow.verdict, AnswerVerdict::Allow);
        let nulls =
            r#"{"verdict":"ALLOW","reason_codes":[],"modify":{"quantity":null,"fallback":null}}"#;
        assert_eq!(parse_answer(nulls, &ALLOWED).unwrap().modify, None);
        let block = parse_answer(r#"{"verdict":"BLOCK","reason_codes":[]}"#, &ALLOWED).unwrap();
        assert_eq!(block.reason_codes, vec![ReasonCode::AiBlocked]);
    }

    #[test]
    fn malformed_answers_map_to_their_failure_codes() {
        assert_eq!(reason_of("not json"), Some(ReasonCode::AiParseFailure));
        assert_eq!(reason_of(""), Some(ReasonCode::AiParseFailure));
        assert_eq!(
            reason_of(r#"{"verdict":"ALLOW","reason_codes":[],"extra":1}"#),
            Some(ReasonCode::AiInvalidSchema)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"allow","reason_codes":[]}"#),
            Some(ReasonCode::AiInvalidSchema)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"ALLOW","reason_codes":"AI_BLOCKED"}"#),
            Some(ReasonCode::AiInvalidSchema)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"BLOCK","reason_codes":["NOT_A_CODE"]}"#),
            Some(ReasonCode::AiUnknownReasonCode)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"BLOCK","reason_codes":["IPC_AUTH_FAILED"]}"#),
            Some(ReasonCode::AiUnknownReasonCode)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"BLOCK","reason_codes":[],"modify":{"quantity":"1"}}"#),
            Some(ReasonCode::AiInvalidSchema)
        );
        assert_eq!(
            reason_of(r#"{"verdict":"MODIFY","reason_codes":[],"modify":null}"#),
            Some(ReasonCode::AiModifyInvalid)
        );
    }
}
