use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::num::fmt8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Balance {
    pub free: Decimal,
    pub locked: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "mirrors the Binance apiRestrictions payload"
)]
pub struct Permissions {
    pub ip_restrict: bool,
    pub enable_reading: bool,
    pub enable_spot_and_margin_trading: bool,
    pub enable_withdrawals: bool,
    pub enable_internal_transfer: bool,
    pub permits_universal_transfer: bool,
    pub enable_margin: bool,
    pub enable_futures: bool,
    pub enable_vanilla_options: bool,
    pub enable_portfolio_margin_trading: bool,
    pub enable_fix_api_trade: bool,
    pub enable_fix_read_only: bool,
}

impl Default for Permissions {
    fn default() -> Self {
        Self {
            ip_restrict: false,
            enable_reading: true,
            enable_spot_and_margin_trading: true,
            enable_withdrawals: false,
            enable_internal_transfer: false,
            permits_universal_transfer: false,
            enable_margin: false,
            enable_futures: false,
            enable_vanilla_options: false,
            enable_portfolio_margin_trading: false,
            enable_fix_api_trade: false,
            enable_fix_read_only: false,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Account {
    pub api_key: String,
    pub secret: String,
    pub uid: u64,
    pub balances: BTreeMap<String, Balance>,
    pub permissions: Permissions,
    pub create_time: i64,
    pub update_time: i64,
}

impl Account {
    pub fn balance(&mut self, asset: &str) -> &mut Balance {
        self.balances.entry(asset.to_owned()).or_default()
    }

    pub fn free(&self, asset: &str) -> Decimal {
        self.balances.get(asset).map(|b| b.free).unwrap_or_default()
    }

    pub fn lock(&mut self, asset: &str, amount: Decimal) {
        let balance = self.balance(asset);
        balance.free -= amount;
        balance.locked += amount;
    }

    pub fn unlock(&mut self, asset: &str, amount: Decimal) {
        let balance = self.balance(asset);
        let released = amount.min(balance.locked);
        balance.locked -= released;
        balance.free += released;
    }

    pub fn balances_json(&self, omit_zero: bool) -> Vec<Value> {
        self.balances
            .iter()
            .filter(|(_, b)| !omit_zero || !b.free.is_zero() || !b.locked.is_zero())
            .map(|(asset, b)| json!({"asset": asset, "free": fmt8(b.free), "locked": fmt8(b.locked)}))
            .collect()
    }

    pub fn position_json(&self, assets: &[&str], now: i64) -> Value {
        let listed: Vec<Value> = assets
            .iter()
            .map(|asset| {
                let b = self.balances.get(*asset).copied().unwrap_or_default();
                json!({"a": asset, "f": fmt8(b.free), "l": fmt8(b.locked)})
            })
            .collect();
        json!({"e": "outboundAccountPosition", "E": now, "u": self.update_time, "B": listed})
    }

    pub fn account_json(&self, omit_zero: bool) -> Value {
        let trading = self.permissions.enable_spot_and_margin_trading;
        json!({
            "makerCommission": 10, "takerCommission": 10, "buyerCommission": 0, "sellerCommission": 0,
            "commissionRates": {"maker": "0.00100000", "taker": "0.00100000", "buyer": "0.00000000", "seller": "0.00000000"},
            "canTrade": trading, "canWithdraw": self.permissions.enable_withdrawals, "canDeposit": true,
            "brokered": false, "requireSelfTradePrevention": false, "preventSor": false,
            "updateTime": self.update_time, "accountType": "SPOT",
            "balances": self.balances_json(omit_zero), "permissions": ["SPOT"], "uid": self.uid
        })
    }

    pub fn restrictions_json(&self) -> Value {
        let mut value = serde_json::to_value(&self.permissions).unwrap_or_else(|_| json!({}));
        if let Some(map) = value.as_object_mut() {
            map.insert("createTime".to_owned(), json!(self.create_time));
        }
        value
    }
}

impl super::Engine {
    pub fn adjust_balance(
        &mut self,
        api_key: &str,
        asset: &str,
        delta: rust_decimal::Decimal,
    ) -> Result<(), crate::api_error::ApiError> {
        let now = self.now();
        let account = self.account_mut(api_key)?;
        let balance = account.balance(asset);
        if balance.free + delta < rust_decimal::Decimal::ZERO {
            return Err(crate::api_error::ApiError::insufficient_balance());
        }
        balance.free += delta;
        account.update_time = now;
        let position = account.position_json(&[asset], now);
        self.publish_user(
            api_key,
            json!({"e": "balanceUpdate", "E": now, "a": asset, "d": fmt8(delta), "T": now}),
        );
        self.publish_user(api_key, position);
        Ok(())
    }
}
