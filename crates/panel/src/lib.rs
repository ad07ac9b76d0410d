mod frame;
mod health;

pub use frame::run;
pub use health::{HealthState, health_router};
