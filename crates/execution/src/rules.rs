use livespot_binance::RestClient;
use livespot_binance::filter_check::{CheckContext, OrderCheck};
use livespot_binance::filters::SymbolFilter;
use livespot_binance::quantize::{Rounding, quantize_order, round_quantity, round_to_step};
use livespot_binance::rest::enums::{OrderSide, OrderType};
use livespot_binance::rest::market::SymbolInfo;
use rust_decimal::Decimal;

use crate::ExecutionError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolRules {
    pub symbol: String,
    pub base_asset: String,
    pub quote_asset: String,
    pub filters: Vec<SymbolFilter>,
}

impl SymbolRules {
    pub fn from_info(info: &SymbolInfo) -> Self {
        Self {
            symbol: info.symbol.clone(),
            base_asset: info.base_asset.clone(),
            quote_asset: info.quote_asset.clone(),
            filters: info.filters.clone(),
        }
    }

    pub fn quantize(
        &self,
        check: &OrderCheck,
        reference_price: Option<Decimal>,
    ) -> Result<OrderCheck, ExecutionError> {
        let ctx = CheckContext {
            reference_price,
            base_asset: self.base_asset.clone(),
            quote_asset: self.quote_asset.clone(),
            ..CheckContext::default()
        };
        quantize_order(&self.filters, check, &ctx).map_err(|violation| ExecutionError::Filter {
            reason: violation.reason_code(),
            detail: violation.detail,
        })
    }

    pub fn sellable_quantity(&self, held: Decimal) -> Decimal {
        round_quantity(&self.filters, held.max(Decimal::ZERO), OrderType::Market)
    }

    pub fn exit_quantity(
        &self,
        held: Decimal,
        lowest_price: Decimal,
    ) -> Result<Decimal, ExecutionError> {
        let check = OrderCheck {
            side: OrderSide::Sell,
            order_type: OrderType::Market,
            price: None,
            stop_price: None,
            quantity: self.sellable_quantity(held),
            iceberg_qty: None,
            trailing_delta: None,
        };
        self.quantize(&check, Some(lowest_price))
            .map(|c| c.quantity)
    }

    pub fn tick_size(&self) -> Decimal {
        self.filters
            .iter()
            .find_map(|f| match f {
                SymbolFilter::PriceFilter { tick_size, .. } => Some(*tick_size),
                _ => None,
            })
            .unwrap_or(Decimal::ZERO)
    }

    pub fn price_down(&self, price: Decimal) -> Decimal {
        round_to_step(price, self.tick_size(), Rounding::Down)
    }

    pub fn price_up(&self, price: Decimal) -> Decimal {
        round_to_step(price, self.tick_size(), Rounding::Up)
    }
}

pub async fn load_rules(
    client: &RestClient,
    symbols: &[&str],
) -> Result<Vec<SymbolRules>, ExecutionError> {
    let info = client.exchange_info(&[]).await?;
    let mut rules = Vec::new();
    for symbol in symbols {
        match info.symbol(symbol) {
            Some(listed) => rules.push(SymbolRules::from_info(listed)),
            None => {
                tracing::warn!(
                    symbol,
                    reason = "SYMBOL_RULES_MISSING",
                    "an allowed symbol is not listed by the venue; it will not be traded"
                );
            }
        }
    }
    if rules.is_empty() {
        return Err(ExecutionError::SymbolRulesMissing(symbols.join(",")));
    }
    Ok(rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use livespot_domain::ReasonCode;
    use rust_decimal_macros::dec;

    fn rules() -> SymbolRules {
        SymbolRules {
            symbol: "BTCUSDT".into(),
            base_asset: "BTC".into(),
            quote_asset: "USDT".into(),
            filters: vec![
                SymbolFilter::PriceFilter {
                    min_price: dec!(0.01),
                    max_price: dec!(1000000),
                    tick_size: dec!(0.01),
                },
                SymbolFilter::LotSize {
                    min_qty: dec!(0.00001),
                    max_qty: dec!(9000),
                    step_size: dec!(0.00001),
                },
                SymbolFilter::Notional {
                    min_notional: dec!(5),
                    apply_min_to_market: true,
                    max_notional: dec!(9000000),
                    apply_max_to_market: false,
                    avg_price_mins: 5,
                },
            ],
        }
    }

    #[test]
    fn exit_quantity_rounds_down_and_refuses_dust_with_the_filter_code() {
        assert_eq!(
            rules().exit_quantity(dec!(0.0012345), dec!(60000)).unwrap(),
            dec!(0.00123)
        );
        let dust = rules()
            .exit_quantity(dec!(0.00005), dec!(60000))
            .unwrap_err();
        assert_eq!(dust.reason_code(), ReasonCode::FilterNotional);
        let nothing = rules()
            .exit_quantity(dec!(0.000001), dec!(60000))
            .unwrap_err();
        assert!(matches!(nothing, ExecutionError::Filter { .. }));
    }
}
