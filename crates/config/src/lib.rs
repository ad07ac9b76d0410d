mod error;
mod load;

pub use error::ConfigError;
pub use load::{Config, DEFAULT_CONFIG_PATH};
