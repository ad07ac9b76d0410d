use crate::error::BinanceError;
use crate::rest::account::{
    Account, ApiRestrictions, CancelReplaceResponse, MyTrade, Order, OrderList, OrderTestCommission,
};
use crate::rest::call::Call;
use crate::rest::client::RestClient;
use crate::rest::market::{Empty, RateLimit};
use crate::rest::params::Params;
use crate::rest::requests::{CancelReplaceMode, NewOrder, OcoOrder, OrderRef};
use reqwest::Method;

fn with_order_ref(params: Params, order: &OrderRef, id_key: &str, client_key: &str) -> Params {
    match order {
        OrderRef::OrderId(id) => params.with(id_key, id),
        OrderRef::ClientOrderId(id) => params.with(client_key, id),
    }
}

impl RestClient {
    pub async fn account(&self) -> Result<Account, BinanceError> {
        let params = Params::new().with("omitZeroBalances", "true");
        self.execute(&Call::signed(Method::GET, "/api/v3/account", 20, params))
            .await
    }

    pub async fn place_order(&self, order: &NewOrder) -> Result<Order, BinanceError> {
        let call =
            Call::signed(Method::POST, "/api/v3/order", 1, order.to_params()).placing_order();
        self.execute(&call).await
    }

    pub async fn test_order(&self, order: &NewOrder) -> Result<Empty, BinanceError> {
        self.execute(&Call::signed(
            Method::POST,
            "/api/v3/order/test",
            1,
            order.to_params(),
        ))
        .await
    }

    pub async fn test_order_commission(
        &self,
        order: &NewOrder,
    ) -> Result<OrderTestCommission, BinanceError> {
        let params = order.to_params().with("computeCommissionRates", "true");
        self.execute(&Call::signed(
            Method::POST,
            "/api/v3/order/test",
            20,
            params,
        ))
        .await
    }

    pub async fn query_order(&self, symbol: &str, order: &OrderRef) -> Result<Order, BinanceError> {
        let params = with_order_ref(
            Params::new().with("symbol", symbol),
            order,
            "orderId",
            "origClientOrderId",
        );
        self.execute(&Call::signed(Method::GET, "/api/v3/order", 4, params))
            .await
    }

    pub async fn cancel_order(
        &self,
        symbol: &str,
        order: &OrderRef,
    ) -> Result<Order, BinanceError> {
        let params = with_order_ref(
            Params::new().with("symbol", symbol),
            order,
            "orderId",
            "origClientOrderId",
        );
        self.execute(&Call::signed(Method::DELETE, "/api/v3/order", 1, params))
            .await
    }

    pub async fn open_orders(&self, symbol: Option<&str>) -> Result<Vec<Order>, BinanceError> {
        let weight = if symbol.is_some() { 6 } else { 80 };
        let params = Params::new().with_opt("symbol", symbol);
        self.execute(&Call::signed(
            Method::GET,
            "/api/v3/openOrders",
            weight,
            params,
        ))
        .await
    }

    pub async fn all_orders(&self, symbol: &str, limit: u32) -> Result<Vec<Order>, BinanceError> {
        let params = Params::new().with("symbol", symbol).with("limit", limit);
        self.execute(&Call::signed(Method::GET, "/api/v3/allOrders", 20, params))
            .await
    }

    pub async fn my_trades(
        &self,
        symbol: &str,
        from_id: Option<i64>,
        limit: u32,
    ) -> Result<Vec<MyTrade>, BinanceError> {
        let params = Params::new()
            .with("symbol", symbol)
            .with_opt("fromId", from_id)
            .with("limit", limit);
        self.execute(&Call::signed(Method::GET, "/api/v3/myTrades", 20, params))
            .await
    }

    pub async fn place_oco(&self, order: &OcoOrder) -> Result<OrderList, BinanceError> {
        let call = Call::signed(Method::POST, "/api/v3/orderList/oco", 1, order.to_params())
            .placing_order();
        self.execute(&call).await
    }

    pub async fn query_order_list(&self, list: &OrderRef) -> Result<OrderList, BinanceError> {
        let params = with_order_ref(Params::new(), list, "orderListId", "origClientOrderId");
        self.execute(&Call::signed(Method::GET, "/api/v3/orderList", 4, params))
            .await
    }

    pub async fn cancel_order_list(
        &self,
        symbol: &str,
        list: &OrderRef,
    ) -> Result<OrderList, BinanceError> {
        let params = with_order_ref(
            Params::new().with("symbol", symbol),
            list,
            "orderListId",
            "listClientOrderId",
        );
        self.execute(&Call::signed(
            Method::DELETE,
            "/api/v3/orderList",
            1,
            params,
        ))
        .await
    }

    pub async fn cancel_replace(
        &self,
        cancel: &OrderRef,
        mode: CancelReplaceMode,
        order: &NewOrder,
    ) -> Result<CancelReplaceResponse, BinanceError> {
        let params = order.to_params().with("cancelReplaceMode", mode.as_str());
        let params = with_order_ref(params, cancel, "cancelOrderId", "cancelOrigClientOrderId");
        let call =
            Call::signed(Method::POST, "/api/v3/order/cancelReplace", 1, params).placing_order();
        self.execute(&call).await
    }

    pub async fn order_rate_limits(&self) -> Result<Vec<RateLimit>, BinanceError> {
        self.execute(&Call::signed(
            Method::GET,
            "/api/v3/rateLimit/order",
            40,
            Params::new(),
        ))
        .await
    }

    pub async fn api_restrictions(&self) -> Result<ApiRestrictions, BinanceError> {
        self.execute(&Call::signed(
            Method::GET,
            "/sapi/v1/account/apiRestrictions",
            1,
            Params::new(),
        ))
        .await
    }
}
