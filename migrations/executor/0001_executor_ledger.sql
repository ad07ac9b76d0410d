CREATE TABLE intents (
    order_intent_id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL,
    client_order_id TEXT NOT NULL UNIQUE,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    kind TEXT NOT NULL,
    quantity TEXT NOT NULL,
    price TEXT,
    state TEXT NOT NULL,
    send_attempts INTEGER NOT NULL DEFAULT 0,
    plans_json TEXT NOT NULL,
    created_ts_ms INTEGER NOT NULL,
    updated_ts_ms INTEGER NOT NULL
);

CREATE INDEX intents_by_state ON intents (state);

CREATE TABLE intent_transitions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_intent_id TEXT NOT NULL REFERENCES intents (order_intent_id),
    from_state TEXT,
    to_state TEXT NOT NULL,
    reason TEXT,
    ts_ms INTEGER NOT NULL
);

CREATE TABLE orders (
    client_order_id TEXT PRIMARY KEY,
    order_intent_id TEXT NOT NULL REFERENCES intents (order_intent_id),
    purpose TEXT NOT NULL,
    symbol TEXT NOT NULL,
    side TEXT NOT NULL,
    order_type TEXT NOT NULL,
    exchange_order_id INTEGER,
    order_list_id INTEGER,
    status TEXT NOT NULL,
    orig_qty TEXT NOT NULL,
    price TEXT,
    executed_qty TEXT NOT NULL,
    cummulative_quote_qty TEXT NOT NULL,
    created_ts_ms INTEGER NOT NULL,
    updated_ts_ms INTEGER NOT NULL
);

CREATE INDEX orders_by_intent ON orders (order_intent_id);

CREATE TABLE fills (
    symbol TEXT NOT NULL,
    trade_id INTEGER NOT NULL,
    exchange_order_id INTEGER NOT NULL,
    price TEXT NOT NULL,
    qty TEXT NOT NULL,
    commission TEXT NOT NULL,
    commission_asset TEXT NOT NULL,
    is_buyer INTEGER NOT NULL,
    ts_ms INTEGER NOT NULL,
    PRIMARY KEY (symbol, trade_id)
);

CREATE TABLE positions (
    order_intent_id TEXT PRIMARY KEY REFERENCES intents (order_intent_id),
    symbol TEXT NOT NULL,
    state TEXT NOT NULL,
    base_qty TEXT NOT NULL,
    updated_ts_ms INTEGER NOT NULL
);
