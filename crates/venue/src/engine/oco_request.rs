use rust_decimal::Decimal;

use super::new_order::NewOrder;
use super::types::{OrderType, RespType, Side, Tif};
use crate::api_error::ApiError;

#[derive(Debug, Clone)]
pub struct LegRequest {
    pub order_type: OrderType,
    pub price: Option<Decimal>,
    pub stop_price: Option<Decimal>,
    pub trailing_delta: Option<u32>,
    pub tif: Option<Tif>,
    pub client_order_id: Option<String>,
    pub iceberg_qty: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct OcoRequest {
    pub symbol: String,
    pub side: Side,
    pub quantity: Decimal,
    pub list_client_order_id: Option<String>,
    pub above: LegRequest,
    pub below: LegRequest,
    pub resp_type: Option<RespType>,
}

impl OcoRequest {
    pub(super) fn leg(&self, leg: &LegRequest) -> NewOrder {
        NewOrder {
            symbol: self.symbol.clone(),
            side: self.side,
            order_type: leg.order_type,
            tif: leg.tif,
            quantity: Some(self.quantity),
            quote_order_qty: None,
            price: leg.price,
            stop_price: leg.stop_price,
            trailing_delta: leg.trailing_delta,
            iceberg_qty: leg.iceberg_qty,
            client_order_id: leg.client_order_id.clone(),
            resp_type: self.resp_type,
        }
    }

    pub(super) fn ordered_legs(&self) -> [NewOrder; 2] {
        let stop_above = matches!(
            self.above.order_type,
            OrderType::StopLoss | OrderType::StopLossLimit
        );
        if stop_above {
            [self.leg(&self.above), self.leg(&self.below)]
        } else {
            [self.leg(&self.below), self.leg(&self.above)]
        }
    }

    pub(super) fn check_types(&self) -> Result<(), ApiError> {
        let stop = |t: OrderType| matches!(t, OrderType::StopLoss | OrderType::StopLossLimit);
        let profit = |t: OrderType| {
            matches!(
                t,
                OrderType::LimitMaker | OrderType::TakeProfit | OrderType::TakeProfitLimit
            )
        };
        let ok = (stop(self.above.order_type)
            && profit(self.below.order_type)
            && self.below.order_type != OrderType::LimitMaker)
            || (profit(self.above.order_type) && stop(self.below.order_type));
        if ok {
            Ok(())
        } else {
            Err(ApiError::bad(-1014, "Unsupported order combination."))
        }
    }

    pub(super) fn check_prices(&self, last: Decimal) -> Result<(), ApiError> {
        let reference = |leg: &LegRequest| {
            if leg.order_type == OrderType::LimitMaker {
                leg.price
            } else {
                leg.stop_price
            }
        };
        let above_ok = reference(&self.above).is_none_or(|p| p > last);
        let below_ok = reference(&self.below).is_none_or(|p| p < last);
        if above_ok && below_ok {
            Ok(())
        } else {
            Err(ApiError::rejected(
                "The relationship of the prices for the orders is not correct.",
            ))
        }
    }
}
