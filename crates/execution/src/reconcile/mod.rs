mod diff;
mod run;

pub use diff::{ReconcileDiff, balance_drift_bps, diff_open_orders, unknown_order_count};
pub use run::{ReconcileFailure, ReconcileReport};
