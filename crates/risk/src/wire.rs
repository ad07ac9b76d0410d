use livespot_domain::{
    Bps, ContractViolation, Decision, IntentKind, ReasonCode, Symbol, Validate, require,
};
use serde::{Deserialize, Serialize};

use crate::rules::{AccountView, Proposal, ReduceProposal, SymbolMinimum};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalMarket {
    pub symbol: Symbol,
    pub snapshot_ts_ms: i64,
    pub spread_bps: Bps,
    pub realized_volatility_bps: Bps,
    pub minimum: SymbolMinimum,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalWire {
    pub kind: IntentKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reduce: Option<ReduceProposal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market: Option<ProposalMarket>,
}

impl ProposalWire {
    pub fn from_message(message: &ProposalMessage) -> ProposalWire {
        let (kind, decision, reduce) = match &message.proposal {
            Proposal::Entry(decision) => (IntentKind::Entry, Some(decision.clone()), None),
            Proposal::Exit(reduce) => (IntentKind::Exit, None, Some(reduce.clone())),
            Proposal::Protect(reduce) => (IntentKind::Protect, None, Some(reduce.clone())),
        };
        ProposalWire {
            kind,
            decision,
            reduce,
            market: message.market.clone(),
        }
    }

    pub fn into_message(self) -> Result<ProposalMessage, ContractViolation> {
        let missing = |field: &str| {
            ContractViolation::new(
                ReasonCode::ContractFieldEmpty,
                field,
                format!("a {:?} proposal carries {field}", self.kind),
            )
        };
        let proposal = match self.kind {
            IntentKind::Entry => {
                Proposal::Entry(self.decision.clone().ok_or_else(|| missing("decision"))?)
            }
            IntentKind::Exit => {
                Proposal::Exit(self.reduce.clone().ok_or_else(|| missing("reduce"))?)
            }
            IntentKind::Protect => {
                Proposal::Protect(self.reduce.clone().ok_or_else(|| missing("reduce"))?)
            }
        };
        Ok(ProposalMessage {
            proposal,
            market: self.market,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposalMessage {
    pub proposal: Proposal,
    pub market: Option<ProposalMarket>,
}

impl ProposalMessage {
    pub fn symbol(&self) -> &Symbol {
        match &self.proposal {
            Proposal::Entry(decision) => &decision.symbol,
            Proposal::Exit(reduce) | Proposal::Protect(reduce) => &reduce.symbol,
        }
    }
}

impl Validate for ProposalMarket {
    fn validate(&self) -> Result<(), ContractViolation> {
        require(
            self.snapshot_ts_ms > 0,
            ReasonCode::ContractTimestampInvalid,
            "snapshot_ts_ms",
            || {
                format!(
                    "{} is not a positive epoch millisecond",
                    self.snapshot_ts_ms
                )
            },
        )
    }
}

impl Validate for ProposalMessage {
    fn validate(&self) -> Result<(), ContractViolation> {
        match &self.proposal {
            Proposal::Entry(decision) => decision.validate().map_err(|v| v.within("decision"))?,
            Proposal::Exit(reduce) | Proposal::Protect(reduce) => {
                validate_reduce(reduce).map_err(|v| v.within("reduce"))?;
            }
        }
        if let Some(market) = &self.market {
            market.validate().map_err(|v| v.within("market"))?;
        }
        let symbol = self.symbol();
        require(
            self.market.as_ref().is_none_or(|m| &m.symbol == symbol),
            ReasonCode::ContractIdMismatch,
            "market.symbol",
            || format!("market data is not for {symbol}"),
        )
    }
}

fn validate_reduce(reduce: &ReduceProposal) -> Result<(), ContractViolation> {
    require(
        reduce.quantity.is_positive(),
        ReasonCode::ContractQuantityNotPositive,
        "quantity",
        || format!("{} is not positive", reduce.quantity),
    )
}

pub fn decode_proposal(payload_json: &str) -> Result<ProposalMessage, ContractViolation> {
    let wire: ProposalWire = decode_json(payload_json)?;
    let message = wire.into_message()?;
    message.validate()?;
    Ok(message)
}

pub fn decode_account(payload_json: &str) -> Result<AccountView, ContractViolation> {
    let account: AccountView = decode_json(payload_json)?;
    require(
        !account.quote_asset.is_empty(),
        ReasonCode::ContractFieldEmpty,
        "quote_asset",
        || "the account names its quote asset".to_owned(),
    )?;
    Ok(account)
}

fn decode_json<T: serde::de::DeserializeOwned>(payload_json: &str) -> Result<T, ContractViolation> {
    serde_json::from_str(payload_json).map_err(|error| {
        ContractViolation::new(
            ReasonCode::IpcContractViolation,
            "payload_json",
            error.to_string(),
        )
    })
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
