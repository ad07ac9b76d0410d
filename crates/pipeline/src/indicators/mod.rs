mod adx;
pub(crate) mod atr;
mod correlation;
mod efficiency;
mod math;
mod percentile;
mod volatility;

pub use adx::adx;
pub use atr::{atr, true_range};
pub use correlation::correlation;
pub use efficiency::efficiency_ratio;
pub use math::{BPS_PER_UNIT, decimal_sqrt, to_bps, to_score_x10000};
pub use percentile::percentile;
pub use volatility::{realized_volatility, simple_returns};
