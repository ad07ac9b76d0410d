mod check;
mod cross_section;
mod decimal_text;
mod error;
mod load;
mod parse;
mod reason_codes;
pub mod sections;

pub use error::ConfigError;
pub use load::{Config, DEFAULT_CONFIG_PATH, SHIPPED_CONFIG_TEXT, hash_bytes};
pub use sections::{
    ai_gate::AiGateConfig,
    audit::{AuditConfig, CheckpointMode},
    disk::DiskConfig,
    executor::ExecutorConfig,
    fail_policy::{FailAction, FailPolicy},
    general::{DefaultMode, GeneralConfig, LogLevel},
    ipc::IpcConfig,
    live::LiveConfig,
    marketdata::MarketdataConfig,
    panel::PanelConfig,
    risk::RiskConfig,
    sim::{MarketProfile, SimConfig},
    strategy::{EntryModePolicy, KlineInterval, StrategyConfig, TrailingPolicy},
    supervisor::SupervisorConfig,
    universe::{RequiredSymbolStatus, UniverseConfig},
    venue::VenueConfig,
};
