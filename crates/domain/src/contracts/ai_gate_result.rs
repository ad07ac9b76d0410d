use serde::{Deserialize, Serialize};

use crate::contracts::ai_modification::AiModification;
use crate::hashing::is_sha256_hex;
use crate::violation::require;
use crate::{ContractViolation, DecisionId, ReasonCode, Validate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AiVerdict {
    Allow,
    Block,
    Modify,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiGateResult {
    pub decision_id: DecisionId,
    pub verdict: AiVerdict,
    pub reason_codes: Vec<ReasonCode>,
    pub modification: Option<AiModification>,
    pub input_hash: String,
    pub snapshot_hash: String,
    pub answer_hash: Option<String>,
    pub prompt_version: String,
    pub latency_ms: u64,
    pub ts_ms: i64,
}

impl AiGateResult {
    fn validate_hashes(&self) -> Result<(), ContractViolation> {
        let answer = self.answer_hash.as_deref();
        for (field, hash) in [
            ("input_hash", Some(self.input_hash.as_str())),
            ("snapshot_hash", Some(self.snapshot_hash.as_str())),
            ("answer_hash", answer),
        ] {
            require(
                hash.is_none_or(is_sha256_hex),
                ReasonCode::ContractHashInvalid,
                field,
                || format!("{hash:?} is not lowercase sha256 hex"),
            )?;
        }
        Ok(())
    }

    fn validate_verdict(&self) -> Result<(), ContractViolation> {
        let has_reason = !self.reason_codes.is_empty();
        match self.verdict {
            AiVerdict::Block => require(
                has_reason,
                ReasonCode::ContractBlockWithoutReason,
                "reason_codes",
                || "BLOCK needs at least one reason code".to_owned(),
            ),
            AiVerdict::Error => require(
                has_reason,
                ReasonCode::ContractReasonMissing,
                "reason_codes",
                || "ERROR needs at least one reason code".to_owned(),
            ),
            AiVerdict::Allow | AiVerdict::Modify => Ok(()),
        }?;
        match (&self.verdict, &self.modification) {
            (AiVerdict::Modify, None) => Err(ContractViolation::new(
                ReasonCode::ContractModifyWithoutModification,
                "modification",
                "MODIFY carries no modification",
            )),
            (AiVerdict::Modify, Some(modification)) => modification
                .validate()
                .map_err(|v| v.within("modification")),
            (_, Some(_)) => Err(ContractViolation::new(
                ReasonCode::ContractModificationNotAllowed,
                "modification",
                "only MODIFY carries a modification",
            )),
            (_, None) => Ok(()),
        }
    }
}

impl Validate for AiGateResult {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "ts_ms",
            || format!("{} is not a positive epoch millisecond", self.ts_ms),
        )?;
        require(
            !self.prompt_version.is_empty(),
            ReasonCode::ContractFieldEmpty,
            "prompt_version",
            || "prompt version is empty".to_owned(),
        )?;
        self.validate_hashes()?;
        self.validate_verdict()
    }
}
