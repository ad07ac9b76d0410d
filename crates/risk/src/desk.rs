use livespot_config::Config;
use livespot_domain::{AuditEvent, Clock, RunId, SignedIntent, SysMode};
use livespot_ipc::{SecretKey, sign_intent};

use crate::account_slot::{AccountFreshness, AccountSlot};
use crate::error::RiskProcessError;
use crate::market_book::MarketBook;
use crate::rules::{AccountView, Assessment, Proposal, RiskEngine, verdict_event};
use crate::stale_block;
use crate::wire::{ProposalMarket, ProposalMessage};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSettings {
    pub stale_data_ms: u64,
    pub intent_ttl_ms: i64,
    pub run_id: Option<RunId>,
}

impl DeskSettings {
    pub fn from_config(config: &Config, run_id: Option<RunId>) -> DeskSettings {
        DeskSettings {
            stale_data_ms: config.risk.stale_data_ms,
            intent_ttl_ms: i64::try_from(config.executor.intent_max_ttl_ms).unwrap_or(i64::MAX),
            run_id,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub assessment: Assessment,
    pub event: AuditEvent,
    pub signed: Option<SignedIntent>,
}

#[derive(Debug)]
pub struct RiskDesk {
    engine: RiskEngine,
    intent_key: SecretKey,
    settings: DeskSettings,
    account: AccountSlot,
    market: MarketBook,
}

impl RiskDesk {
    pub fn new(engine: RiskEngine, intent_key: SecretKey, settings: DeskSettings) -> RiskDesk {
        RiskDesk {
            engine,
            intent_key,
            settings,
            account: AccountSlot::default(),
            market: MarketBook::default(),
        }
    }

    pub fn on_account_state(&mut self, view: AccountView, as_of_ms: i64) {
        self.account.update(view, as_of_ms);
    }

    pub fn on_market(&mut self, market: &ProposalMarket, now_ms: i64) -> bool {
        self.market.update(market, now_ms)
    }

    pub fn account_as_of_ms(&self) -> Option<i64> {
        self.account.as_of_ms()
    }

    pub fn judge(
        &mut self,
        message: &ProposalMessage,
        mode: SysMode,
        clock: &dyn Clock,
        nonce: String,
    ) -> Result<Judgement, RiskProcessError> {
        let now_ms = clock.now_ms();
        if let Some(market) = &message.market {
            self.market.update(market, now_ms);
        }
        let assessment = self.assess(&message.proposal, mode, clock);
        let event = verdict_event(&message.proposal, &assessment, self.settings.run_id.clone())?;
        let signed = match &assessment.intent {
            Some(intent) => {
                let expires_at_ms = now_ms.saturating_add(self.settings.intent_ttl_ms);
                let signed = sign_intent(intent.clone(), &self.intent_key, nonce, expires_at_ms)
                    .map_err(|error| RiskProcessError::Sign(error.to_string()))?;
                Some(signed)
            }
            None => None,
        };
        Ok(Judgement {
            assessment,
            event,
            signed,
        })
    }

    fn assess(&self, proposal: &Proposal, mode: SysMode, clock: &dyn Clock) -> Assessment {
        let now_ms = clock.now_ms();
        let market = self.market.view_at(now_ms);
        match self.account.freshness(now_ms, self.settings.stale_data_ms) {
            AccountFreshness::Missing => stale_block::without_account(proposal, mode, now_ms),
            AccountFreshness::Fresh(account) => {
                self.engine.assess(proposal, account, &market, mode, clock)
            }
            AccountFreshness::Stale { view, .. } => {
                let assessment = self.engine.assess(proposal, view, &market, mode, clock);
                stale_block::entry_on_stale_account(assessment)
            }
        }
    }
}

#[cfg(test)]
#[path = "desk_tests.rs"]
mod tests;
