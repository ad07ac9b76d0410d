use serde_json::Value;

use super::Engine;
use super::types::OrderStatus;
use crate::api_error::ApiError;

#[derive(Debug, Clone, Copy, Default)]
pub struct CancelTarget<'a> {
    pub order_id: Option<u64>,
    pub orig_client_order_id: Option<&'a str>,
    pub new_client_order_id: Option<&'a str>,
    pub restriction: Option<&'a str>,
}

fn cancel_id(target: &CancelTarget<'_>, now: i64, order_id: u64) -> String {
    target
        .new_client_order_id
        .map_or_else(|| format!("simcxl{now:x}{order_id:06}"), str::to_owned)
}

fn check_restriction(restriction: Option<&str>, status: OrderStatus) -> Result<(), ApiError> {
    let restricted = match restriction {
        Some("ONLY_NEW") => status != OrderStatus::New,
        Some("ONLY_PARTIALLY_FILLED") => status != OrderStatus::PartiallyFilled,
        Some(_) => return Err(ApiError::bad(-1145, "Invalid cancelRestrictions")),
        None => false,
    };
    if restricted {
        return Err(ApiError::bad(
            -2011,
            "Order was not canceled due to cancel restrictions.",
        ));
    }
    Ok(())
}

impl Engine {
    pub fn cancel(
        &mut self,
        api_key: &str,
        symbol: &str,
        target: CancelTarget<'_>,
    ) -> Result<Value, ApiError> {
        let now = self.now();
        if !self.exchange.symbols.contains_key(symbol) {
            return Err(ApiError::invalid_symbol());
        }
        let order = match self.find_order(
            api_key,
            symbol,
            target.order_id,
            target.orig_client_order_id,
        ) {
            Ok(order) => order.clone(),
            Err(error) if error.code == -2013 => return Err(ApiError::unknown_order()),
            Err(error) => return Err(error),
        };
        if !order.status.is_open() {
            return Err(ApiError::unknown_order());
        }
        check_restriction(target.restriction, order.status)?;
        let cancel_client_id = cancel_id(&target, now, order.order_id);
        if order.order_list_id >= 0 {
            let list_id = order.order_list_id;
            let legs = self
                .lists
                .get(&list_id)
                .map(|l| l.order_ids.clone())
                .unwrap_or_default();
            for leg in legs {
                self.end_order(leg, OrderStatus::Canceled, None, Some(&cancel_client_id));
            }
            self.close_list_if_done(list_id);
        } else {
            self.end_order(
                order.order_id,
                OrderStatus::Canceled,
                None,
                Some(&cancel_client_id),
            );
        }
        self.report_position(api_key, symbol);
        let updated = self
            .orders
            .get(&order.order_id)
            .ok_or_else(ApiError::unknown_order)?;
        Ok(updated.cancel_json(&cancel_client_id, now))
    }

    pub fn cancel_all(&mut self, api_key: &str, symbol: &str) -> Result<Vec<Value>, ApiError> {
        if !self.exchange.symbols.contains_key(symbol) {
            return Err(ApiError::invalid_symbol());
        }
        let open: Vec<(u64, i64)> = self
            .open_orders(api_key, Some(symbol))
            .iter()
            .map(|o| (o.order_id, o.order_list_id))
            .collect();
        if open.is_empty() {
            return Err(ApiError::unknown_order());
        }
        let mut responses = Vec::new();
        let mut lists_done = Vec::new();
        for (order_id, list_id) in open {
            if list_id >= 0 {
                if lists_done.contains(&list_id) {
                    continue;
                }
                lists_done.push(list_id);
                let now = self.now();
                let cancel_client_id = format!("simcxl{now:x}{list_id:06}");
                responses.push(self.cancel_list(
                    api_key,
                    symbol,
                    Some(list_id),
                    None,
                    &cancel_client_id,
                )?);
                continue;
            }
            let target = CancelTarget {
                order_id: Some(order_id),
                ..CancelTarget::default()
            };
            responses.push(self.cancel(api_key, symbol, target)?);
        }
        Ok(responses)
    }
}
