use rust_decimal::Decimal;

use super::types::{OrderType, RespType, Side, Tif};
use crate::api_error::ApiError;

#[derive(Debug, Clone)]
pub struct NewOrder {
    pub symbol: String,
    pub side: Side,
    pub order_type: OrderType,
    pub tif: Option<Tif>,
    pub quantity: Option<Decimal>,
    pub quote_order_qty: Option<Decimal>,
    pub price: Option<Decimal>,
    pub stop_price: Option<Decimal>,
    pub trailing_delta: Option<u32>,
    pub iceberg_qty: Option<Decimal>,
    pub client_order_id: Option<String>,
    pub resp_type: Option<RespType>,
}

fn valid_client_id(id: &str) -> bool {
    (1..=36).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl NewOrder {
    pub fn check_shape(&self) -> Result<(), ApiError> {
        if let Some(id) = &self.client_order_id {
            if id.is_empty() {
                return Err(ApiError::bad(-1118, "New client order ID was empty."));
            }
            if !valid_client_id(id) {
                return Err(ApiError::bad(
                    -1100,
                    "Illegal characters found in parameter 'newClientOrderId'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.",
                ));
            }
        }
        self.check_mandatory()?;
        self.check_tif()
    }

    fn check_mandatory(&self) -> Result<(), ApiError> {
        let kind = self.order_type;
        if kind == OrderType::Market {
            return self.check_market();
        }
        if self.quote_order_qty.is_some() {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'quoteOrderQty' sent when not required.",
            ));
        }
        if self.quantity.is_none() {
            return Err(ApiError::mandatory("quantity"));
        }
        if kind.has_limit_price() && self.price.is_none() {
            return Err(ApiError::mandatory("price"));
        }
        if kind.is_stop() && self.stop_price.is_none() && self.trailing_delta.is_none() {
            return Err(ApiError::bad(
                -1102,
                "Param 'stopPrice' or 'trailingDelta' must be sent, but both were empty/null!",
            ));
        }
        if !kind.is_stop() && (self.stop_price.is_some() || self.trailing_delta.is_some()) {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'stopPrice' sent when not required.",
            ));
        }
        if !kind.has_limit_price() && self.price.is_some() {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'price' sent when not required.",
            ));
        }
        Ok(())
    }

    fn check_market(&self) -> Result<(), ApiError> {
        if self.price.is_some() {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'price' sent when not required.",
            ));
        }
        if self.stop_price.is_some() || self.trailing_delta.is_some() {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'stopPrice' sent when not required.",
            ));
        }
        match (self.quantity, self.quote_order_qty) {
            (None, None) => Err(ApiError::bad(
                -1102,
                "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
            )),
            (Some(_), Some(_)) => Err(ApiError::bad(
                -1106,
                "Parameter 'quoteOrderQty' sent when not required.",
            )),
            _ => Ok(()),
        }
    }

    fn check_tif(&self) -> Result<(), ApiError> {
        let kind = self.order_type;
        if kind.needs_tif() && self.tif.is_none() {
            return Err(ApiError::mandatory("timeInForce"));
        }
        if !kind.needs_tif() && kind != OrderType::Market && self.tif.is_some() {
            return Err(ApiError::bad(
                -1106,
                "Parameter 'timeInForce' sent when not required.",
            ));
        }
        if self.iceberg_qty.is_some() && self.tif.is_some_and(|t| t != Tif::Gtc) {
            return Err(ApiError::bad(-2010, "Unsupported order combination"));
        }
        Ok(())
    }

    pub fn default_resp_type(&self) -> RespType {
        self.resp_type.unwrap_or(match self.order_type {
            OrderType::Limit | OrderType::Market => RespType::Full,
            _ => RespType::Ack,
        })
    }
}
