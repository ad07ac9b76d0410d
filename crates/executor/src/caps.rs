use livespot_config::ExecutorConfig;
use livespot_domain::{IntentKind, OrderIntent, ReasonCode, SysMode};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardCaps {
    pub max_notional_per_order: Decimal,
    pub allowed_symbols: Vec<String>,
    pub max_open_orders: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapRefusal {
    pub reason: ReasonCode,
    pub detail: String,
}

fn refuse(reason: ReasonCode, detail: String) -> Result<(), CapRefusal> {
    Err(CapRefusal { reason, detail })
}

impl HardCaps {
    pub fn from_config(config: &ExecutorConfig) -> Self {
        Self {
            max_notional_per_order: config.max_notional_per_order,
            allowed_symbols: config.allowed_symbols.clone(),
            max_open_orders: config.max_open_orders,
        }
    }

    pub fn check(
        &self,
        intent: &OrderIntent,
        open_orders: u32,
        mode: SysMode,
    ) -> Result<(), CapRefusal> {
        let is_entry = intent.kind == IntentKind::Entry;
        if is_entry && mode != SysMode::Normal {
            return refuse(
                ReasonCode::EntryOutsideNormal,
                format!("SYS MODE is {}", mode.as_str()),
            );
        }
        if intent.kind == IntentKind::Exit && !intent.reduce_only {
            return refuse(
                ReasonCode::CapExitNotReduceOnly,
                "exit intent without reduce_only".to_owned(),
            );
        }
        let symbol = intent.symbol.as_str();
        if !self.allowed_symbols.iter().any(|allowed| allowed == symbol) {
            return refuse(
                ReasonCode::CapSymbolNotAllowed,
                format!("{symbol} is not in executor.allowed_symbols"),
            );
        }
        if is_entry && open_orders >= self.max_open_orders {
            return refuse(
                ReasonCode::CapMaxOpenOrders,
                format!("{open_orders} open, cap {}", self.max_open_orders),
            );
        }
        self.check_notional(intent)
    }

    fn check_notional(&self, intent: &OrderIntent) -> Result<(), CapRefusal> {
        let price = intent
            .limit_price
            .map(livespot_domain::Price::value)
            .or_else(|| {
                intent
                    .entry_plan
                    .as_ref()
                    .map(|plan| plan.limit_price.value())
            });
        let Some(price) = price else {
            return refuse(
                ReasonCode::CapMaxNotional,
                "no price to bound the notional".to_owned(),
            );
        };
        let notional = intent
            .quantity
            .value()
            .checked_mul(price)
            .unwrap_or(Decimal::MAX);
        if notional > self.max_notional_per_order {
            return refuse(
                ReasonCode::CapMaxNotional,
                format!(
                    "notional {notional} over cap {}",
                    self.max_notional_per_order
                ),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
#[path = "caps_tests.rs"]
mod tests;
