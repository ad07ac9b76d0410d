use livespot_domain::{EntryKind, Fallback, OrderIntent, TrailingMode};
use livespot_execution::fixture::{EntrySpec, entry_intent};
use livespot_ipc::system_now_ms;
use rust_decimal::Decimal;

use super::SYMBOL;

pub fn quantity() -> Decimal {
    Decimal::new(1, 3)
}

fn spec(id: &str, limit: Decimal, kind: EntryKind, fallback: Fallback) -> EntrySpec {
    EntrySpec {
        order_intent_id: id.to_owned(),
        symbol: SYMBOL.to_owned(),
        quantity: quantity(),
        limit_price: limit,
        kind,
        fallback,
        take_profit: (limit * Decimal::new(105, 2)).round_dp(2),
        stop_loss: (limit * Decimal::new(90, 2)).round_dp(2),
        trailing_mode: TrailingMode::Off,
        created_ts_ms: system_now_ms(),
    }
}

pub fn ioc(id: &str, ask: Decimal) -> OrderIntent {
    let limit = (ask * Decimal::new(1002, 3)).round_dp(2);
    entry_intent(&spec(id, limit, EntryKind::Ioc, Fallback::None)).unwrap()
}

pub fn resting_maker(
    id: &str,
    (bid, ask): (Decimal, Decimal),
    ttl_ms: u64,
    fallback: Fallback,
) -> OrderIntent {
    let limit = (bid * Decimal::new(95, 2)).round_dp(2);
    let mut entry = spec(id, limit, EntryKind::MakerFirst { ttl_ms }, fallback);
    entry.take_profit = (ask * Decimal::new(105, 2)).round_dp(2);
    entry.stop_loss = (bid * Decimal::new(90, 2)).round_dp(2);
    entry_intent(&entry).unwrap()
}
