use livespot_config::Config;
use livespot_domain::{
    Clock, Decision, OrderIntent, ReasonCode, RiskOutcome, RiskVerdict, SysMode,
};
use livespot_domain::{IntentKind, Quantity, Validate};

use super::exposure::{EntryAsk, Sizing, order_cost};
use super::inputs::{AccountView, MarketView, Proposal};
use super::limits::RiskLimits;
use super::reduce_assessment::assess_reduce;
use super::verdict::{Assessment, Verdict, intent_id, push_unique};
use super::{
    balance, cooldown, daily_loss, drawdown, exposure, loss_streak, spread_guard, stale_data,
    sys_mode, trades_per_day, volatility_guard,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskEngine {
    limits: RiskLimits,
}

#[derive(Debug, Clone, Copy)]
struct EntryContext<'a> {
    account: &'a AccountView,
    market: &'a MarketView,
    mode: SysMode,
    now_ms: i64,
}

impl RiskEngine {
    pub fn new(limits: RiskLimits) -> RiskEngine {
        RiskEngine { limits }
    }

    pub fn from_config(config: &Config) -> RiskEngine {
        RiskEngine::new(RiskLimits::from_config(config))
    }

    pub fn limits(&self) -> &RiskLimits {
        &self.limits
    }

    pub fn evaluate(
        &self,
        proposal: &Proposal,
        account: &AccountView,
        market: &MarketView,
        mode: SysMode,
        clock: &dyn Clock,
    ) -> Verdict {
        self.assess(proposal, account, market, mode, clock).verdict
    }

    pub fn assess(
        &self,
        proposal: &Proposal,
        account: &AccountView,
        market: &MarketView,
        mode: SysMode,
        clock: &dyn Clock,
    ) -> Assessment {
        let now_ms = clock.now_ms();
        let context = EntryContext {
            account,
            market,
            mode,
            now_ms,
        };
        match proposal {
            Proposal::Entry(decision) => self.assess_entry(decision, &context),
            Proposal::Exit(reduce) => {
                assess_reduce(reduce, IntentKind::Exit, account, mode, now_ms)
            }
            Proposal::Protect(reduce) => {
                assess_reduce(reduce, IntentKind::Protect, account, mode, now_ms)
            }
        }
    }

    fn assess_entry(&self, decision: &Decision, context: &EntryContext<'_>) -> Assessment {
        let mut codes = self.gate_codes(decision, context);
        let quantity = self.sized_quantity(decision, context, &mut codes);
        let verdict = if codes.is_empty() {
            approve(decision, quantity, context)
        } else {
            block(decision, codes, context)
        };
        let intent = verdict.is_approved().then(|| {
            intent_id(IntentKind::Entry, &decision.decision_id)
                .and_then(|id| OrderIntent::entry_from(decision, &verdict, id, context.now_ms))
        });
        match intent {
            Some(Err(violation)) => Assessment {
                verdict: Verdict::Entry(block(decision, vec![violation.reason], context)),
                intent: None,
            },
            Some(Ok(intent)) => Assessment {
                verdict: Verdict::Entry(verdict),
                intent: Some(intent),
            },
            None => Assessment {
                verdict: Verdict::Entry(verdict),
                intent: None,
            },
        }
    }

    fn gate_codes(&self, decision: &Decision, context: &EntryContext<'_>) -> Vec<ReasonCode> {
        let limits = &self.limits;
        let account = context.account;
        let symbol_market = context.market.symbol(&decision.symbol);
        let mut codes = Vec::new();
        push_unique(&mut codes, decision.validate().map_err(|v| v.reason));
        push_unique(&mut codes, sys_mode::check(context.mode));
        let expiry = stale_data::check_decision(decision.expires_at_ms, context.now_ms);
        push_unique(&mut codes, expiry);
        push_unique(&mut codes, stale_data::check(symbol_market, limits));
        push_unique(&mut codes, spread_guard::check(symbol_market, limits));
        push_unique(&mut codes, volatility_guard::check(symbol_market, limits));
        push_unique(&mut codes, daily_loss::check(account, limits));
        push_unique(&mut codes, drawdown::check(account, limits));
        push_unique(&mut codes, trades_per_day::check(account, limits));
        let cooling = cooldown::check(account, &decision.symbol, context.now_ms, limits);
        push_unique(&mut codes, cooling);
        push_unique(
            &mut codes,
            loss_streak::check(account, context.now_ms, limits),
        );
        codes
    }

    fn sized_quantity(
        &self,
        decision: &Decision,
        context: &EntryContext<'_>,
        codes: &mut Vec<ReasonCode>,
    ) -> EntrySize {
        let ask = EntryAsk {
            symbol: &decision.symbol,
            quantity: decision.quantity,
            price: decision.entry.limit_price,
        };
        let minimum = context.market.symbol(&decision.symbol).map(|m| &m.minimum);
        let sized = match exposure::check(&ask, context.account, minimum, &self.limits) {
            Ok(Sizing::Full) => EntrySize::full(decision.quantity),
            Ok(Sizing::Reduced(quantity)) => EntrySize::reduced(quantity),
            Err(exceeded) => {
                for code in exceeded {
                    push_unique(codes, Err(code));
                }
                EntrySize::full(decision.quantity)
            }
        };
        let cost = order_cost(sized.quantity, ask.price, &self.limits);
        push_unique(codes, balance::check(context.account, cost));
        sized
    }
}

#[derive(Debug, Clone, Copy)]
struct EntrySize {
    quantity: Quantity,
    reduced: bool,
}

impl EntrySize {
    fn full(quantity: Quantity) -> EntrySize {
        EntrySize {
            quantity,
            reduced: false,
        }
    }

    fn reduced(quantity: Quantity) -> EntrySize {
        EntrySize {
            quantity,
            reduced: true,
        }
    }
}

fn approve(decision: &Decision, sized: EntrySize, context: &EntryContext<'_>) -> RiskVerdict {
    let reason_codes = if sized.reduced {
        vec![ReasonCode::RiskSizeReducedToFit]
    } else {
        vec![]
    };
    RiskVerdict {
        decision_id: decision.decision_id.clone(),
        outcome: RiskOutcome::Approve,
        reason_codes,
        approved_quantity: Some(sized.quantity),
        sys_mode: context.mode,
        ts_ms: context.now_ms,
    }
}

fn block(decision: &Decision, codes: Vec<ReasonCode>, context: &EntryContext<'_>) -> RiskVerdict {
    RiskVerdict {
        decision_id: decision.decision_id.clone(),
        outcome: RiskOutcome::Block,
        reason_codes: codes,
        approved_quantity: None,
        sys_mode: context.mode,
        ts_ms: context.now_ms,
    }
}
