use rust_decimal::Decimal;

use super::Engine;
use super::new_order::NewOrder;
use super::types::Side;
use crate::api_error::ApiError;
use crate::exchange::SymbolSpec;
use crate::order_counts::Counts;

impl Engine {
    fn open_counts(&self, api_key: &str, symbol: Option<&str>) -> Counts {
        let open = self.open_orders(api_key, symbol);
        Counts {
            orders: open.len(),
            algo: open
                .iter()
                .filter(|o| o.order_type.is_stop() && !o.triggered)
                .count(),
            iceberg: open.iter().filter(|o| o.iceberg_qty.is_some()).count(),
            lists: self
                .lists
                .values()
                .filter(|l| l.account == api_key && !l.done && symbol.is_none_or(|s| s == l.symbol))
                .count(),
        }
    }

    pub(super) fn check_counts(
        &self,
        api_key: &str,
        spec: &SymbolSpec,
        adding: Counts,
    ) -> Result<(), ApiError> {
        spec.counts
            .check(self.open_counts(api_key, Some(&spec.symbol)), adding, "")?;
        self.exchange
            .counts
            .check(self.open_counts(api_key, None), adding, "EXCHANGE_")
    }

    pub(super) fn check_position(
        &self,
        api_key: &str,
        req: &NewOrder,
        spec: &SymbolSpec,
    ) -> Result<(), ApiError> {
        let Some(max) = spec.filters.max_position.filter(|_| req.side == Side::Buy) else {
            return Ok(());
        };
        let held = self
            .accounts
            .get(api_key)
            .and_then(|a| a.balances.get(&spec.base_asset))
            .map(|b| b.free + b.locked)
            .unwrap_or_default();
        let open_buys: Decimal = self
            .open_orders(api_key, Some(&spec.symbol))
            .iter()
            .filter(|o| o.side == Side::Buy)
            .map(|o| o.remaining())
            .sum();
        if held + open_buys + req.quantity.unwrap_or_default() > max {
            return Err(ApiError::filter("MAX_POSITION"));
        }
        Ok(())
    }
}

pub fn adding_one(req: &NewOrder) -> Counts {
    Counts {
        orders: 1,
        algo: usize::from(req.order_type.is_stop()),
        iceberg: usize::from(req.iceberg_qty.is_some()),
        lists: 0,
    }
}
