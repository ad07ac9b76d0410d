use serde_json::Value;

#[allow(
    unused_imports,
    reason = "each test binary uses a different part of the shared admin view"
)]
pub use super::admin_view::{
    AdminView as LaunchVenue, OCO_PATH, ORDER_PATH, decimal, max_in_any_window, placements,
    posts_per_client_order_id,
};

pub fn time_of(request: &Value) -> i64 {
    request["time"].as_i64().unwrap()
}

pub fn posts_to<'a>(log: &'a [Value], path: &str) -> Vec<&'a Value> {
    log.iter()
        .filter(|r| r["method"] == "POST" && r["path"] == path)
        .collect()
}
