use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use livespot_domain::{
    Bps, ContractViolation, Decision, DecisionId, EntryKind, EntryPlan, ExitPlan, Quantity, Regime,
    Side, Symbol, canonical_json, input_hash,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateContext {
    pub fees_bps: Decimal,
    pub slippage_bps: Decimal,
    pub half_spread_bps: Decimal,
    pub spread_bps: Decimal,
    pub spread_p50_bps: Decimal,
    pub spread_p90_bps: Decimal,
    pub spread_delta_bps: Decimal,
    pub spread_health: String,
    pub imbalance_x10000: i64,
    pub microvol_bps: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromptFacts {
    pub decision_id: DecisionId,
    pub symbol: Symbol,
    pub side: Side,
    pub regime: Regime,
    pub score_x10000: i64,
    pub net_edge_bps: Bps,
    pub quantity: Quantity,
    pub entry: EntryPlan,
    pub exit: ExitPlan,
    pub context: GateContext,
}

pub const PLACEHOLDERS: [&str; 28] = [
    "decision_id",
    "symbol",
    "side",
    "regime",
    "score_x10000",
    "net_edge_bps",
    "fees_bps",
    "slippage_bps",
    "half_spread_bps",
    "spread_bps",
    "spread_p50_bps",
    "spread_p90_bps",
    "spread_delta_bps",
    "spread_health",
    "imbalance_x10000",
    "microvol_bps",
    "entry_kind",
    "limit_price",
    "ttl_ms",
    "fallback",
    "max_slippage_bps",
    "quantity",
    "take_profit",
    "stop_loss",
    "atr",
    "trailing_mode",
    "trailing_delta_bips",
    "facts_json",
];

fn text_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn entry_kind_parts(kind: EntryKind) -> (&'static str, String) {
    match kind {
        EntryKind::MakerFirst { ttl_ms } => ("MAKER_FIRST", ttl_ms.to_string()),
        EntryKind::Ioc => ("IOC", "n/a".to_owned()),
        EntryKind::Market => ("MARKET", "n/a".to_owned()),
    }
}

impl PromptFacts {
    pub fn new(decision: &Decision, context: &GateContext) -> Self {
        Self {
            decision_id: decision.decision_id.clone(),
            symbol: decision.symbol.clone(),
            side: decision.side,
            regime: decision.regime,
            score_x10000: decision.score.raw(),
            net_edge_bps: decision.edge_bps,
            quantity: decision.quantity,
            entry: decision.entry.clone(),
            exit: decision.exit.clone(),
            context: context.clone(),
        }
    }

    pub fn input_hash(&self) -> Result<String, ContractViolation> {
        input_hash(self)
    }

    pub fn values(&self) -> Result<[String; 28], ContractViolation> {
        let (kind, ttl) = entry_kind_parts(self.entry.kind);
        let c = &self.context;
        let trailing = self
            .exit
            .trailing_delta_bips
            .map_or_else(|| "n/a".to_owned(), |bips| bips.to_string());
        Ok([
            self.decision_id.to_string(),
            self.symbol.to_string(),
            text_of(&self.side),
            text_of(&self.regime),
            self.score_x10000.to_string(),
            self.net_edge_bps.to_string(),
            c.fees_bps.to_string(),
            c.slippage_bps.to_string(),
            c.half_spread_bps.to_string(),
            c.spread_bps.to_string(),
            c.spread_p50_bps.to_string(),
            c.spread_p90_bps.to_string(),
            c.spread_delta_bps.to_string(),
            c.spread_health.clone(),
            c.imbalance_x10000.to_string(),
            c.microvol_bps.to_string(),
            kind.to_owned(),
            self.entry.limit_price.to_string(),
            ttl,
            text_of(&self.entry.fallback),
            self.entry.max_slippage_bps.to_string(),
            self.quantity.to_string(),
            self.exit.take_profit.to_string(),
            self.exit.stop_loss.to_string(),
            self.exit.atr.to_string(),
            text_of(&self.exit.trailing_mode),
            trailing,
            canonical_json(self)?,
        ])
    }
}
