use serde_json::{Value, json};

struct DefaultPair {
    base: &'static str,
    tick: &'static str,
    step: &'static str,
    max_qty: &'static str,
    max_position: &'static str,
}

const PAIRS: [DefaultPair; 5] = [
    DefaultPair {
        base: "BTC",
        tick: "0.01000000",
        step: "0.00001000",
        max_qty: "9000.00000000",
        max_position: "1000.00000000",
    },
    DefaultPair {
        base: "ETH",
        tick: "0.01000000",
        step: "0.00010000",
        max_qty: "9000.00000000",
        max_position: "10000.00000000",
    },
    DefaultPair {
        base: "BNB",
        tick: "0.01000000",
        step: "0.00100000",
        max_qty: "9000.00000000",
        max_position: "100000.00000000",
    },
    DefaultPair {
        base: "SOL",
        tick: "0.01000000",
        step: "0.00100000",
        max_qty: "90000.00000000",
        max_position: "1000000.00000000",
    },
    DefaultPair {
        base: "XRP",
        tick: "0.00010000",
        step: "0.10000000",
        max_qty: "9222449.00000000",
        max_position: "100000000.00000000",
    },
];

fn filters(pair: &DefaultPair) -> Value {
    json!([
        {"filterType": "PRICE_FILTER", "minPrice": pair.tick, "maxPrice": "1000000.00000000", "tickSize": pair.tick},
        {"filterType": "LOT_SIZE", "minQty": pair.step, "maxQty": pair.max_qty, "stepSize": pair.step},
        {"filterType": "ICEBERG_PARTS", "limit": 100},
        {"filterType": "MARKET_LOT_SIZE", "minQty": "0.00000000", "maxQty": pair.max_qty, "stepSize": "0.00000000"},
        {"filterType": "TRAILING_DELTA", "minTrailingAboveDelta": 10, "maxTrailingAboveDelta": 2000, "minTrailingBelowDelta": 10, "maxTrailingBelowDelta": 2000},
        {"filterType": "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp": "5", "bidMultiplierDown": "0.2", "askMultiplierUp": "5", "askMultiplierDown": "0.2", "avgPriceMins": 5},
        {"filterType": "NOTIONAL", "minNotional": "5.00000000", "applyMinToMarket": true, "maxNotional": "9000000.00000000", "applyMaxToMarket": false, "avgPriceMins": 5},
        {"filterType": "MAX_NUM_ORDERS", "maxNumOrders": 200},
        {"filterType": "MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders": 5},
        {"filterType": "MAX_NUM_ICEBERG_ORDERS", "maxNumIcebergOrders": 100},
        {"filterType": "MAX_NUM_ORDER_LISTS", "maxNumOrderLists": 20},
        {"filterType": "MAX_NUM_ORDER_AMENDS", "maxNumOrderAmends": 10},
        {"filterType": "MAX_POSITION", "maxPosition": pair.max_position}
    ])
}

fn symbol(pair: &DefaultPair) -> Value {
    json!({
        "symbol": format!("{}USDT", pair.base),
        "status": "TRADING",
        "baseAsset": pair.base,
        "baseAssetPrecision": 8,
        "quoteAsset": "USDT",
        "quotePrecision": 8,
        "quoteAssetPrecision": 8,
        "baseCommissionPrecision": 8,
        "quoteCommissionPrecision": 8,
        "orderTypes": ["LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT", "TAKE_PROFIT_LIMIT"],
        "icebergAllowed": true,
        "ocoAllowed": true,
        "otoAllowed": true,
        "opoAllowed": false,
        "quoteOrderQtyMarketAllowed": true,
        "allowTrailingStop": true,
        "cancelReplaceAllowed": true,
        "amendAllowed": false,
        "pegInstructionsAllowed": false,
        "isSpotTradingAllowed": true,
        "isMarginTradingAllowed": false,
        "filters": filters(pair),
        "permissions": [],
        "permissionSets": [["SPOT"]],
        "defaultSelfTradePreventionMode": "EXPIRE_MAKER",
        "allowedSelfTradePreventionModes": ["NONE", "EXPIRE_TAKER", "EXPIRE_MAKER", "EXPIRE_BOTH"]
    })
}

pub fn default_exchange_info() -> Value {
    json!({
        "timezone": "UTC",
        "serverTime": 0,
        "rateLimits": [],
        "exchangeFilters": [
            {"filterType": "EXCHANGE_MAX_NUM_ORDERS", "maxNumOrders": 1000},
            {"filterType": "EXCHANGE_MAX_NUM_ALGO_ORDERS", "maxNumAlgoOrders": 200},
            {"filterType": "EXCHANGE_MAX_NUM_ICEBERG_ORDERS", "maxNumIcebergOrders": 10000},
            {"filterType": "EXCHANGE_MAX_NUM_ORDER_LISTS", "maxNumOrderLists": 20}
        ],
        "symbols": PAIRS.iter().map(symbol).collect::<Vec<_>>()
    })
}
