use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use livespot_config::AiGateConfig;
use livespot_domain::{AiGateResult, AiModification, Clock, Decision, sha256_hex};

use crate::answer::{AnswerVerdict, ModelAnswer, parse_answer};
use crate::budget::Budget;
use crate::client::{ChatClient, shorten};
use crate::error::{GateError, SetupError};
use crate::key::ApiKey;
use crate::modify::to_modification;
use crate::outcome::{AiDec, GateOutcome, Judgement};
use crate::prompt::PromptSet;
use crate::prompt_input::{GateContext, PromptFacts};
use crate::record::AiGateRecord;
use crate::wire::ChatRequest;

pub struct AiGate {
    ai_dec: AiDec,
    model: String,
    log_raw_prompt: bool,
    prompt: PromptSet,
    client: ChatClient,
    budget: Mutex<Budget>,
    clock: Arc<dyn Clock>,
}

#[derive(Debug, Default)]
struct CallTrace {
    called: bool,
    raw_body: Option<String>,
    total_tokens: u64,
    raw_prompt: Option<String>,
}

impl fmt::Debug for AiGate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AiGate")
            .field("ai_dec", &self.ai_dec)
            .field("model", &self.model)
            .field("prompt_version", &self.prompt.version())
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}

impl AiGate {
    pub fn new(
        config: &AiGateConfig,
        key: ApiKey,
        prompt: PromptSet,
        clock: Arc<dyn Clock>,
    ) -> Result<Self, SetupError> {
        let ai_dec = AiDec::from_level(config.ai_dec).ok_or(SetupError::AiDecOutOfRange {
            value: config.ai_dec,
        })?;
        Ok(Self {
            ai_dec,
            model: config.model.clone(),
            log_raw_prompt: config.log_raw_prompt,
            client: ChatClient::new(&config.base_url, key, config.timeout_ms)?,
            budget: Mutex::new(Budget::new(config.calls_per_minute, config.tokens_per_day)),
            prompt,
            clock,
        })
    }

    pub const fn ai_dec(&self) -> AiDec {
        self.ai_dec
    }

    pub fn prompt(&self) -> &PromptSet {
        &self.prompt
    }

    pub async fn evaluate(
        &self,
        decision: &Decision,
        snapshot_hash: &str,
        context: &GateContext,
    ) -> GateOutcome {
        let started = Instant::now();
        let ts_ms = self.clock.now_ms();
        let facts = PromptFacts::new(decision, context);
        let mut trace = CallTrace::default();
        let (input_hash, judgement) = match facts.input_hash() {
            Ok(hash) => {
                let judgement = self
                    .judge(decision, snapshot_hash, &facts, &mut trace)
                    .await;
                (hash, judgement)
            }
            Err(violation) => (
                sha256_hex(b""),
                failed(GateError::Parse {
                    detail: violation.to_string(),
                }),
            ),
        };
        let call = CallFacts {
            snapshot_hash,
            input_hash,
            latency_ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
            ts_ms,
        };
        self.finish(decision, &judgement, trace, &call)
    }

    async fn judge(
        &self,
        decision: &Decision,
        snapshot_hash: &str,
        facts: &PromptFacts,
        trace: &mut CallTrace,
    ) -> Judgement {
        if self.ai_dec == AiDec::Disabled {
            return Judgement::Disabled;
        }
        if snapshot_hash != decision.snapshot_hash {
            return failed(GateError::SnapshotMismatch {
                decision_snapshot: decision.snapshot_hash.clone(),
                given: snapshot_hash.chars().take(64).collect(),
            });
        }
        let mut proposed = None;
        match self.ask(decision, facts, trace, &mut proposed).await {
            Ok(judgement) => judgement,
            Err(error) => Judgement::Failed { error, proposed },
        }
    }

    async fn ask(
        &self,
        decision: &Decision,
        facts: &PromptFacts,
        trace: &mut CallTrace,
        proposed: &mut Option<AiModification>,
    ) -> Result<Judgement, GateError> {
        let prompt = self
            .prompt
            .render(facts)
            .map_err(|violation| GateError::Parse {
                detail: violation.to_string(),
            })?;
        if self.log_raw_prompt {
            trace.raw_prompt = Some(format!("{}\n\n{}", prompt.system, prompt.user));
        }
        self.budget().try_spend_call(self.clock.now_ms())?;
        trace.called = true;
        let request = ChatRequest::json_schema(
            &self.model,
            prompt.system,
            prompt.user,
            self.prompt.schema_name(),
            self.prompt.schema().clone(),
        );
        let reply = self.client.complete(&request).await;
        self.budget()
            .record_tokens(self.clock.now_ms(), reply.total_tokens);
        trace.raw_body = reply.raw_body;
        trace.total_tokens = reply.total_tokens;
        let answer = parse_answer(&reply.content?, self.prompt.allowed_reasons())?;
        judge_answer(decision, answer, proposed)
    }

    fn budget(&self) -> std::sync::MutexGuard<'_, Budget> {
        self.budget.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn failed(error: GateError) -> Judgement {
    Judgement::Failed {
        error,
        proposed: None,
    }
}

fn judge_answer(
    decision: &Decision,
    answer: ModelAnswer,
    proposed: &mut Option<AiModification>,
) -> Result<Judgement, GateError> {
    match (answer.verdict, answer.modify) {
        (AnswerVerdict::Allow, _) => Ok(Judgement::Allowed),
        (AnswerVerdict::Block, _) => Ok(Judgement::Blocked(answer.reason_codes)),
        (AnswerVerdict::Modify, None) => Err(GateError::ModifyInvalid {
            field: "modify".to_owned(),
            detail: "MODIFY without a modify object".to_owned(),
        }),
        (AnswerVerdict::Modify, Some(fields)) => {
            let modification = to_modification(&fields, decision)?;
            *proposed = Some(modification.clone());
            let modified = modification
                .apply_to(decision)
                .map_err(GateError::from_modification)?;
            Ok(Judgement::Modified {
                reasons: answer.reason_codes,
                modification,
                decision: Box::new(modified),
            })
        }
    }
}

struct CallFacts<'a> {
    snapshot_hash: &'a str,
    input_hash: String,
    latency_ms: u64,
    ts_ms: i64,
}

impl AiGate {
    fn finish(
        &self,
        decision: &Decision,
        judgement: &Judgement,
        trace: CallTrace,
        call: &CallFacts<'_>,
    ) -> GateOutcome {
        let raw_hash = trace
            .raw_body
            .as_deref()
            .map(|body| sha256_hex(body.as_bytes()));
        let result = AiGateResult {
            decision_id: decision.decision_id.clone(),
            verdict: judgement.ai_verdict(),
            reason_codes: judgement.reasons(),
            modification: judgement.applied_modification(),
            input_hash: call.input_hash.clone(),
            snapshot_hash: decision.snapshot_hash.clone(),
            answer_hash: raw_hash.clone(),
            prompt_version: self.prompt.version().to_owned(),
            latency_ms: call.latency_ms,
            ts_ms: call.ts_ms,
        };
        let record = AiGateRecord {
            decision_id: decision.decision_id.clone(),
            ai_dec: self.ai_dec.level(),
            called: trace.called,
            verdict: result.verdict,
            reason_codes: result.reason_codes.clone(),
            model: self.model.clone(),
            prompt_version: result.prompt_version.clone(),
            prompt_hash: self.prompt.hash().to_owned(),
            latency_ms: call.latency_ms,
            input_hash: call.input_hash.clone(),
            snapshot_hash: call.snapshot_hash.chars().take(64).collect(),
            raw_hash,
            total_tokens: trace.total_tokens,
            proposed_modification: judgement.proposed_modification(),
            modify_applied: result.modification.is_some(),
            error_code: judgement.error().map(GateError::reason),
            details: judgement
                .error()
                .map(|error| shorten(&self.client.key().redact(&error.to_string()))),
            raw_prompt: trace.raw_prompt.map(|text| self.client.key().redact(&text)),
            ts_ms: call.ts_ms,
        };
        log_record(&record);
        GateOutcome {
            verdict: judgement.verdict(decision),
            result,
            record,
            condition: judgement.condition(self.ai_dec),
        }
    }
}

fn log_record(record: &AiGateRecord) {
    tracing::info!(
        target: "ai_gate",
        decision_id = %record.decision_id,
        ai_dec = record.ai_dec,
        called = record.called,
        verdict = ?record.verdict,
        error_code = ?record.error_code,
        latency_ms = record.latency_ms,
        modify_applied = record.modify_applied,
        raw_hash = ?record.raw_hash,
        details = ?record.details,
        "ai gate call"
    );
}
