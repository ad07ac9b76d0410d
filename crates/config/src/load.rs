use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ConfigError;
use crate::sections::{
    ai_gate::AiGateConfig, audit::AuditConfig, disk::DiskConfig, executor::ExecutorConfig,
    fail_policy::FailPolicy, general::GeneralConfig, ipc::IpcConfig, live::LiveConfig,
    marketdata::MarketdataConfig, panel::PanelConfig, risk::RiskConfig, sim::SimConfig,
    strategy::StrategyConfig, supervisor::SupervisorConfig, universe::UniverseConfig,
    venue::VenueConfig,
};

pub const DEFAULT_CONFIG_PATH: &str = "policies/livespot.toml";
pub const SHIPPED_CONFIG_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../policies/livespot.toml"
));

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(skip)]
    pub hash: String,
    pub general: GeneralConfig,
    pub universe: UniverseConfig,
    pub strategy: StrategyConfig,
    pub ai_gate: AiGateConfig,
    pub risk: RiskConfig,
    pub executor: ExecutorConfig,
    pub fail_policy: FailPolicy,
    pub live: LiveConfig,
    pub panel: PanelConfig,
    pub disk: DiskConfig,
    pub audit: AuditConfig,
    pub ipc: IpcConfig,
    pub supervisor: SupervisorConfig,
    pub venue: VenueConfig,
    pub sim: SimConfig,
    #[serde(default)]
    pub marketdata: MarketdataConfig,
}

impl Config {
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let bytes = std::fs::read(path).map_err(|error| ConfigError::Unreadable {
            path: path.display().to_string(),
            detail: error.to_string(),
        })?;
        let text = String::from_utf8(bytes).map_err(|error| ConfigError::Unreadable {
            path: path.display().to_string(),
            detail: format!("not UTF-8: {error}"),
        })?;
        Self::from_toml(&text)
    }

    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let mut config: Self = crate::parse::parse_document(text)?;
        config.validate()?;
        config.hash = hash_bytes(text.as_bytes());
        Ok(config)
    }

    pub fn shipped() -> Result<Self, ConfigError> {
        Self::from_toml(SHIPPED_CONFIG_TEXT)
    }

    pub fn hash(&self) -> &str {
        &self.hash
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.general.check()?;
        self.universe.check()?;
        self.strategy.check()?;
        self.ai_gate.check()?;
        self.risk.check()?;
        self.executor.check()?;
        self.fail_policy.check()?;
        self.live.check()?;
        self.panel.check()?;
        self.disk.check()?;
        self.audit.check()?;
        self.ipc.check()?;
        self.supervisor.check()?;
        self.venue.check()?;
        self.sim.check()?;
        self.marketdata.check()?;
        crate::cross_section::check(self)
    }
}

pub fn hash_bytes(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
