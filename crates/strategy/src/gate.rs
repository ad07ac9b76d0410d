use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use livespot_aigate::stub::{StubReply, StubScript, StubServer};
use livespot_aigate::{AiGate, ApiKey, GateContext, GateOutcome, PromptSet};
use livespot_config::Config;
use livespot_domain::{Decision, ReasonCode, SystemClock};
use livespot_marketdata::ConditionTracker;
use livespot_pipeline::{Assessment, StrategyParams};
use livespot_runtime::{ChildLink, RunMode};
use rust_decimal::Decimal;

use crate::StrategyError;

pub const SIM_STUB_SCRIPT: &str = "sim/openai-stub.json";
pub const LAUNCHER_STUB_URL_FILE: &str = "run/openai-stub.json";
pub const SIM_PLACEHOLDER_KEY: &str = "sim-openai-placeholder";

pub struct GateRunner {
    gate: AiGate,
    conditions: BTreeMap<ReasonCode, ConditionTracker>,
    _stub: Option<StubServer>,
}

impl std::fmt::Debug for GateRunner {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("GateRunner")
            .field("gate", &self.gate)
            .finish_non_exhaustive()
    }
}

pub fn launcher_stub_url(var_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(var_dir.join(LAUNCHER_STUB_URL_FILE)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    let url = value.get("url")?.as_str()?;
    url.starts_with("http://127.0.0.1:").then(|| url.to_owned())
}

fn stub_script(var_dir: &Path) -> StubScript {
    let path = var_dir.join(SIM_STUB_SCRIPT);
    if !path.exists() {
        return StubScript::always(StubReply::Allow);
    }
    StubScript::from_file(&path).unwrap_or_else(|error| {
        tracing::warn!(reason = "AI_INVALID_SCHEMA", %error, "stub script unreadable; the stub allows");
        StubScript::always(StubReply::Allow)
    })
}

impl GateRunner {
    pub async fn start(
        config: &Config,
        mode: RunMode,
        var_dir: &Path,
        key: Option<ApiKey>,
    ) -> Result<Self, StrategyError> {
        let setup = |detail: String| StrategyError::GateSetup { detail };
        let mut section = config.ai_gate.clone();
        let mut stub = None;
        let key = if mode == RunMode::Sim {
            if let Some(url) = launcher_stub_url(var_dir) {
                section.base_url = url;
            } else {
                let server = StubServer::start(stub_script(var_dir))
                    .await
                    .map_err(|e| setup(e.to_string()))?;
                section.base_url = server.base_url();
                stub = Some(server);
            }
            tracing::info!(url = %section.base_url, "sim: AI gate talks to the loopback OpenAI stub");
            ApiKey::new(SIM_PLACEHOLDER_KEY)
        } else {
            key.unwrap_or_else(|| ApiKey::new(""))
        };
        let prompt = PromptSet::builtin().map_err(|e| setup(e.to_string()))?;
        let gate = AiGate::new(&section, key, prompt, Arc::new(SystemClock))
            .map_err(|e| setup(e.to_string()))?;
        Ok(Self {
            gate,
            conditions: BTreeMap::new(),
            _stub: stub,
        })
    }

    pub fn holds_condition(&self) -> bool {
        self.conditions.values().any(ConditionTracker::is_raised)
    }

    pub async fn evaluate(
        &mut self,
        decision: &Decision,
        snapshot_hash: &str,
        context: &GateContext,
        link: &ChildLink,
    ) -> GateOutcome {
        let outcome = self.gate.evaluate(decision, snapshot_hash, context).await;
        let detail = outcome.record.details.clone().unwrap_or_default();
        if let Some(reason) = outcome.condition {
            self.conditions
                .entry(reason)
                .or_insert_with(|| ConditionTracker::new(reason))
                .report(true, &detail, link);
        }
        for (reason, tracker) in &mut self.conditions {
            if Some(*reason) != outcome.condition && tracker.is_raised() {
                tracker.report(false, &detail, link);
            }
        }
        outcome
    }
}

pub fn gate_context(assessment: &Assessment, params: &StrategyParams) -> GateContext {
    let micro = assessment.features.as_ref().map(|f| f.micro.clone());
    let spread = micro.as_ref().map_or(Decimal::ZERO, |m| m.spread_bps);
    GateContext {
        fees_bps: params.round_trip_fee_bps(),
        slippage_bps: params.edge.expected_slippage_bps,
        half_spread_bps: spread / Decimal::TWO,
        spread_bps: spread,
        spread_p50_bps: micro.as_ref().map_or(Decimal::ZERO, |m| m.spread_p50_bps),
        spread_p90_bps: micro.as_ref().map_or(Decimal::ZERO, |m| m.spread_p90_bps),
        spread_delta_bps: micro.as_ref().map_or(Decimal::ZERO, |m| m.spread_delta_bps),
        spread_health: micro
            .as_ref()
            .and_then(|m| serde_json::to_value(m.health).ok())
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
        imbalance_x10000: micro.as_ref().map_or(0, |m| m.imbalance_x10000),
        microvol_bps: micro.as_ref().map_or(Decimal::ZERO, |m| m.microvol_bps),
    }
}
