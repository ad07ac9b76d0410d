use crate::rest::enums::{NewOrderRespType, OrderSide, OrderType, TimeInForce};
use crate::rest::params::Params;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrder {
    pub symbol: String,
    pub side: OrderSide,
    pub order_type: OrderType,
    pub time_in_force: Option<TimeInForce>,
    pub quantity: Option<Decimal>,
    pub quote_order_qty: Option<Decimal>,
    pub price: Option<Decimal>,
    pub new_client_order_id: Option<String>,
    pub stop_price: Option<Decimal>,
    pub trailing_delta: Option<u64>,
    pub iceberg_qty: Option<Decimal>,
    pub new_order_resp_type: Option<NewOrderRespType>,
}

impl NewOrder {
    pub fn limit(
        symbol: &str,
        side: OrderSide,
        quantity: Decimal,
        price: Decimal,
        tif: TimeInForce,
    ) -> Self {
        Self {
            time_in_force: Some(tif),
            quantity: Some(quantity),
            price: Some(price),
            ..Self::bare(symbol, side, OrderType::Limit)
        }
    }

    pub fn market(symbol: &str, side: OrderSide, quantity: Decimal) -> Self {
        Self {
            quantity: Some(quantity),
            ..Self::bare(symbol, side, OrderType::Market)
        }
    }

    pub fn bare(symbol: &str, side: OrderSide, order_type: OrderType) -> Self {
        Self {
            symbol: symbol.to_owned(),
            side,
            order_type,
            time_in_force: None,
            quantity: None,
            quote_order_qty: None,
            price: None,
            new_client_order_id: None,
            stop_price: None,
            trailing_delta: None,
            iceberg_qty: None,
            new_order_resp_type: None,
        }
    }

    #[must_use]
    pub fn with_client_order_id(mut self, id: impl Into<String>) -> Self {
        self.new_client_order_id = Some(id.into());
        self
    }

    pub fn to_params(&self) -> Params {
        Params::new()
            .with("symbol", &self.symbol)
            .with("side", self.side.as_str())
            .with("type", self.order_type.as_str())
            .with_opt("timeInForce", self.time_in_force.map(TimeInForce::as_str))
            .with_opt("quantity", self.quantity)
            .with_opt("quoteOrderQty", self.quote_order_qty)
            .with_opt("price", self.price)
            .with_opt("newClientOrderId", self.new_client_order_id.as_deref())
            .with_opt("stopPrice", self.stop_price)
            .with_opt("trailingDelta", self.trailing_delta)
            .with_opt("icebergQty", self.iceberg_qty)
            .with_opt(
                "newOrderRespType",
                self.new_order_resp_type.map(NewOrderRespType::as_str),
            )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcoLeg {
    pub order_type: OrderType,
    pub price: Option<Decimal>,
    pub stop_price: Option<Decimal>,
    pub trailing_delta: Option<u64>,
    pub time_in_force: Option<TimeInForce>,
    pub client_order_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OcoOrder {
    pub symbol: String,
    pub side: OrderSide,
    pub quantity: Decimal,
    pub list_client_order_id: Option<String>,
    pub above: OcoLeg,
    pub below: OcoLeg,
}

impl OcoOrder {
    pub fn to_params(&self) -> Params {
        let params = Params::new()
            .with("symbol", &self.symbol)
            .with("side", self.side.as_str())
            .with("quantity", self.quantity)
            .with_opt("listClientOrderId", self.list_client_order_id.as_deref());
        let params = leg_params(params, "above", &self.above);
        leg_params(params, "below", &self.below)
    }
}

fn leg_params(params: Params, prefix: &str, leg: &OcoLeg) -> Params {
    params
        .with(&format!("{prefix}Type"), leg.order_type.as_str())
        .with_opt(&format!("{prefix}Price"), leg.price)
        .with_opt(&format!("{prefix}StopPrice"), leg.stop_price)
        .with_opt(&format!("{prefix}TrailingDelta"), leg.trailing_delta)
        .with_opt(
            &format!("{prefix}TimeInForce"),
            leg.time_in_force.map(TimeInForce::as_str),
        )
        .with_opt(
            &format!("{prefix}ClientOrderId"),
            leg.client_order_id.as_deref(),
        )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelReplaceMode {
    StopOnFailure,
    AllowFailure,
}

impl CancelReplaceMode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StopOnFailure => "STOP_ON_FAILURE",
            Self::AllowFailure => "ALLOW_FAILURE",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderRef {
    OrderId(i64),
    ClientOrderId(String),
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn limit_order_params_follow_binance_names_and_plain_decimals() {
        let order = NewOrder::limit(
            "BTCUSDT",
            OrderSide::Buy,
            dec!(0.00100000),
            dec!(61837.63),
            TimeInForce::Gtc,
        )
        .with_client_order_id("ls-abc");
        let params = order.to_params();
        assert_eq!(params.get("type"), Some("LIMIT"));
        assert_eq!(params.get("quantity"), Some("0.00100000"));
        assert_eq!(params.get("price"), Some("61837.63"));
        assert_eq!(params.get("newClientOrderId"), Some("ls-abc"));
        assert_eq!(params.get("stopPrice"), None);
    }
}
