#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines,
    reason = "integration tests fail loudly on broken setup"
)]

mod common;

use common::{dec_of, price_text, start_default};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;

fn balance(account: &serde_json::Value, asset: &str) -> (Decimal, Decimal) {
    let entry = account["balances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["asset"] == asset)
        .unwrap();
    (dec_of(&entry["free"]), dec_of(&entry["locked"]))
}

#[tokio::test]
async fn limit_order_rests_locks_and_cancels_with_its_own_client_id() {
    let sim = start_default().await;
    let (bid, _) = sim.best("BTCUSDT").await;
    let price = price_text(bid * Decimal::new(95, 2));
    let placed = sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price={price}&newClientOrderId=rest1")).await;
    assert_eq!(placed.status, StatusCode::OK, "{:?}", placed.body);
    assert_eq!(placed.body["status"], "NEW");
    assert!(placed.body["fills"].as_array().unwrap().is_empty());
    let account = sim.signed(Method::GET, "/api/v3/account", "").await.body;
    let (_, locked) = balance(&account, "USDT");
    assert_eq!(
        locked,
        price.parse::<Decimal>().unwrap() * Decimal::new(1, 2)
    );
    let query = sim
        .signed(
            Method::GET,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=rest1",
        )
        .await
        .body;
    assert_eq!(query["isWorking"], true);
    let open = sim
        .signed(Method::GET, "/api/v3/openOrders", "symbol=BTCUSDT")
        .await
        .body;
    assert_eq!(open.as_array().unwrap().len(), 1);
    let cancel = sim
        .signed(
            Method::DELETE,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=rest1&newClientOrderId=cxl1",
        )
        .await
        .body;
    assert_eq!(cancel["status"], "CANCELED");
    assert_eq!(cancel["origClientOrderId"], "rest1");
    assert_eq!(cancel["clientOrderId"], "cxl1");
    let again = sim
        .signed(
            Method::DELETE,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=rest1",
        )
        .await;
    assert_eq!(
        (again.code(), again.body["msg"].as_str().unwrap()),
        (-2011, "Unknown order sent.")
    );
    let missing = sim
        .signed(
            Method::GET,
            "/api/v3/order",
            "symbol=BTCUSDT&origClientOrderId=never",
        )
        .await;
    assert_eq!(
        (missing.code(), missing.body["msg"].as_str().unwrap()),
        (-2013, "Order does not exist.")
    );
    let after = sim.signed(Method::GET, "/api/v3/account", "").await.body;
    assert_eq!(
        balance(&after, "USDT"),
        (Decimal::from(100_000), Decimal::ZERO)
    );
}

#[tokio::test]
async fn market_order_walks_the_book_with_slippage() {
    let sim = common::start(livespot_venue::SimOptions {
        speed: Decimal::new(1, 2),
        ..livespot_venue::SimOptions::default()
    })
    .await;
    let depth = sim
        .public("/api/v3/depth?symbol=BTCUSDT&limit=5")
        .await
        .body;
    let top_qty = dec_of(&depth["asks"][0][1]);
    let qty = (top_qty * Decimal::from(3)).round_dp(5);
    let placed = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity={qty}"
        ))
        .await
        .body;
    assert_eq!(placed["status"], "FILLED", "{placed:?}");
    let fills = placed["fills"].as_array().unwrap();
    assert!(fills.len() >= 2, "{fills:?}");
    assert!(dec_of(&fills[fills.len() - 1]["price"]) > dec_of(&fills[0]["price"]));
    let total: Decimal = fills.iter().map(|f| dec_of(&f["qty"])).sum();
    assert_eq!(total, qty);
    let trades = sim
        .signed(Method::GET, "/api/v3/myTrades", "symbol=BTCUSDT")
        .await
        .body;
    assert_eq!(trades.as_array().unwrap().len(), fills.len());
    let by_quote = sim
        .order("symbol=ETHUSDT&side=BUY&type=MARKET&quoteOrderQty=100&newOrderRespType=RESULT")
        .await
        .body;
    assert_eq!(by_quote["status"], "FILLED");
    assert!(dec_of(&by_quote["cummulativeQuoteQty"]) <= Decimal::from(100));
    assert!(by_quote.get("fills").is_none());
    let sold = sim
        .order("symbol=BTCUSDT&side=SELL&type=MARKET&quantity=0.01&newOrderRespType=ACK")
        .await
        .body;
    assert!(sold.get("status").is_none());
    assert!(sold["transactTime"].is_i64());
}

#[tokio::test]
async fn ioc_and_fok_expire_what_they_cannot_fill() {
    let sim = common::start(livespot_venue::SimOptions {
        speed: Decimal::new(1, 2),
        ..livespot_venue::SimOptions::default()
    })
    .await;
    let (_, ask) = sim.best("BTCUSDT").await;
    let ioc = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=1&price={}",
            price_text(ask)
        ))
        .await
        .body;
    assert_eq!(ioc["status"], "EXPIRED", "{ioc:?}");
    assert_eq!(ioc["expiryReason"], "UNFILLED_IOC_QUANTITY_EXPIRED");
    assert!(dec_of(&ioc["executedQty"]) > Decimal::ZERO);
    let fok = sim
        .order(&format!(
            "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=FOK&quantity=1&price={}",
            price_text(ask)
        ))
        .await
        .body;
    assert_eq!(fok["status"], "EXPIRED");
    assert_eq!(dec_of(&fok["executedQty"]), Decimal::ZERO);
    let huge = sim
        .order("symbol=XRPUSDT&side=SELL&type=MARKET&quantity=100")
        .await;
    assert_eq!(huge.code(), -2010, "no XRP balance");
}

#[tokio::test]
async fn resting_order_fills_when_the_market_trades_through() {
    let sim = common::start(livespot_venue::SimOptions {
        speed: Decimal::from(5),
        ..livespot_venue::SimOptions::default()
    })
    .await;
    let mut filled = false;
    for attempt in 0..20 {
        let (bid, _) = sim.best("BTCUSDT").await;
        let id = format!("rest{attempt}");
        sim.order(&format!("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.001&price={}&newClientOrderId={id}", price_text(bid))).await;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let order = sim
            .signed(
                Method::GET,
                "/api/v3/order",
                &format!("symbol=BTCUSDT&origClientOrderId={id}"),
            )
            .await
            .body;
        if order["status"] != "NEW" {
            filled = true;
            let trades = sim
                .signed(
                    Method::GET,
                    "/api/v3/myTrades",
                    &format!("symbol=BTCUSDT&orderId={}", order["orderId"]),
                )
                .await
                .body;
            assert_eq!(trades[0]["isMaker"], true);
            break;
        }
    }
    assert!(filled, "a resting bid at the touch fills within 20 tries");
}

#[tokio::test]
async fn order_lists_place_query_and_cancel() {
    let sim = start_default().await;
    let (bid, ask) = sim.best("BTCUSDT").await;
    let above = price_text(ask * Decimal::new(102, 2));
    let below = price_text(bid * Decimal::new(98, 2));
    let params = format!(
        "symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice={above}&belowType=STOP_LOSS&belowStopPrice={below}&listClientOrderId=oco1"
    );
    let placed = sim
        .signed(Method::POST, "/api/v3/orderList/oco", &params)
        .await;
    assert_eq!(placed.status, StatusCode::OK, "{:?}", placed.body);
    assert_eq!(placed.body["listOrderStatus"], "EXECUTING");
    assert_eq!(placed.body["orderReports"].as_array().unwrap().len(), 2);
    let query = sim
        .signed(Method::GET, "/api/v3/orderList", "origClientOrderId=oco1")
        .await
        .body;
    assert_eq!(query["orders"].as_array().unwrap().len(), 2);
    let open = sim
        .signed(Method::GET, "/api/v3/openOrderList", "")
        .await
        .body;
    assert_eq!(open.as_array().unwrap().len(), 1);
    let wrong = format!(
        "symbol=BTCUSDT&side=SELL&quantity=0.01&aboveType=LIMIT_MAKER&abovePrice={below}&belowType=STOP_LOSS&belowStopPrice={above}"
    );
    let refused = sim
        .signed(Method::POST, "/api/v3/orderList/oco", &wrong)
        .await;
    assert_eq!(
        refused.body["msg"],
        "The relationship of the prices for the orders is not correct."
    );
    let cancel = sim
        .signed(
            Method::DELETE,
            "/api/v3/orderList",
            "symbol=BTCUSDT&listClientOrderId=oco1",
        )
        .await
        .body;
    assert_eq!(cancel["listStatusType"], "ALL_DONE");
    assert_eq!(cancel["orderReports"][0]["status"], "CANCELED");
}

#[tokio::test]
async fn cancel_replace_and_cancel_all() {
    let sim = start_default().await;
    let (bid, _) = sim.best("ETHUSDT").await;
    let low = price_text(bid * Decimal::new(90, 2));
    let lower = price_text(bid * Decimal::new(89, 2));
    sim.order(&format!("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price={low}&newClientOrderId=cr1")).await;
    let replaced = sim.signed(Method::POST, "/api/v3/order/cancelReplace", &format!("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price={lower}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=cr1&newClientOrderId=cr2")).await;
    assert_eq!(replaced.status, StatusCode::OK, "{:?}", replaced.body);
    assert_eq!(replaced.body["cancelResult"], "SUCCESS");
    assert_eq!(replaced.body["newOrderResponse"]["clientOrderId"], "cr2");
    let failed = sim.signed(Method::POST, "/api/v3/order/cancelReplace", &format!("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price={lower}&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=gone")).await;
    assert_eq!(
        (failed.status, failed.code()),
        (StatusCode::BAD_REQUEST, -2022)
    );
    assert_eq!(failed.body["data"]["newOrderResult"], "NOT_ATTEMPTED");
    let partial = sim.signed(Method::POST, "/api/v3/order/cancelReplace", &format!("symbol=ETHUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.1&price={lower}&cancelReplaceMode=ALLOW_FAILURE&cancelOrigClientOrderId=gone&newClientOrderId=cr3")).await;
    assert_eq!((partial.status.as_u16(), partial.code()), (409, -2021));
    let all = sim
        .signed(Method::DELETE, "/api/v3/openOrders", "symbol=ETHUSDT")
        .await
        .body;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let history = sim
        .signed(Method::GET, "/api/v3/allOrders", "symbol=ETHUSDT")
        .await
        .body;
    assert_eq!(history.as_array().unwrap().len(), 3);
}
