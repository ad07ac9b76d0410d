use rust_decimal::Decimal;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub min: Decimal,
    pub max: Decimal,
    pub step: Decimal,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notional {
    pub min: Decimal,
    pub max: Option<Decimal>,
    pub apply_min_to_market: bool,
    pub apply_max_to_market: bool,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PercentBand {
    pub bid_up: Decimal,
    pub bid_down: Decimal,
    pub ask_up: Decimal,
    pub ask_down: Decimal,
    pub name: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trailing {
    pub min_above: u32,
    pub max_above: u32,
    pub min_below: u32,
    pub max_below: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SymbolFilters {
    pub price: Option<Range>,
    pub lot: Option<Range>,
    pub market_lot: Option<Range>,
    pub notional: Vec<Notional>,
    pub percent: Option<PercentBand>,
    pub iceberg_parts: Option<u32>,
    pub max_position: Option<Decimal>,
    pub trailing: Option<Trailing>,
}

fn dec(filter: &Value, key: &str) -> Decimal {
    filter
        .get(key)
        .and_then(Value::as_str)
        .and_then(|text| text.parse().ok())
        .unwrap_or_default()
}

fn int(filter: &Value, key: &str) -> u32 {
    filter
        .get(key)
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or_default()
}

fn flag(filter: &Value, key: &str) -> bool {
    filter.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn range(filter: &Value, min: &str, max: &str, step: &str) -> Range {
    Range {
        min: dec(filter, min),
        max: dec(filter, max),
        step: dec(filter, step),
    }
}

impl SymbolFilters {
    pub fn parse(filters: &[Value]) -> Self {
        let mut parsed = Self::default();
        for filter in filters {
            parsed.apply(filter);
        }
        parsed
    }

    fn apply(&mut self, filter: &Value) {
        let kind = filter
            .get("filterType")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if !self.apply_amount(kind, filter) {
            self.apply_other(kind, filter);
        }
    }

    fn apply_amount(&mut self, kind: &str, filter: &Value) -> bool {
        match kind {
            "PRICE_FILTER" => self.price = Some(range(filter, "minPrice", "maxPrice", "tickSize")),
            "LOT_SIZE" => self.lot = Some(range(filter, "minQty", "maxQty", "stepSize")),
            "MARKET_LOT_SIZE" => {
                self.market_lot = Some(range(filter, "minQty", "maxQty", "stepSize"));
            }
            "NOTIONAL" => self.notional.push(Notional {
                min: dec(filter, "minNotional"),
                max: Some(dec(filter, "maxNotional")),
                apply_min_to_market: flag(filter, "applyMinToMarket"),
                apply_max_to_market: flag(filter, "applyMaxToMarket"),
                name: "NOTIONAL",
            }),
            "MIN_NOTIONAL" => self.notional.push(Notional {
                min: dec(filter, "minNotional"),
                max: None,
                apply_min_to_market: flag(filter, "applyToMarket"),
                apply_max_to_market: false,
                name: "MIN_NOTIONAL",
            }),
            _ => return false,
        }
        true
    }

    fn apply_other(&mut self, kind: &str, filter: &Value) {
        match kind {
            "PERCENT_PRICE_BY_SIDE" => {
                self.percent = Some(PercentBand {
                    bid_up: dec(filter, "bidMultiplierUp"),
                    bid_down: dec(filter, "bidMultiplierDown"),
                    ask_up: dec(filter, "askMultiplierUp"),
                    ask_down: dec(filter, "askMultiplierDown"),
                    name: "PERCENT_PRICE_BY_SIDE",
                });
            }
            "PERCENT_PRICE" => {
                self.percent = Some(PercentBand {
                    bid_up: dec(filter, "multiplierUp"),
                    bid_down: dec(filter, "multiplierDown"),
                    ask_up: dec(filter, "multiplierUp"),
                    ask_down: dec(filter, "multiplierDown"),
                    name: "PERCENT_PRICE",
                });
            }
            "MAX_POSITION" => self.max_position = Some(dec(filter, "maxPosition")),
            "ICEBERG_PARTS" => self.iceberg_parts = Some(int(filter, "limit")),
            "TRAILING_DELTA" => {
                self.trailing = Some(Trailing {
                    min_above: int(filter, "minTrailingAboveDelta"),
                    max_above: int(filter, "maxTrailingAboveDelta"),
                    min_below: int(filter, "minTrailingBelowDelta"),
                    max_below: int(filter, "maxTrailingBelowDelta"),
                });
            }
            _ => {}
        }
    }

    pub fn tick_size(&self) -> Decimal {
        self.price.map(|p| p.step).unwrap_or_default()
    }

    pub fn step_size(&self) -> Decimal {
        self.lot.map(|l| l.step).unwrap_or_default()
    }
}
