mod checklist;
pub mod checks;
mod cli;
mod credentials;
mod error;
mod inputs;
mod render;
mod report;

pub use checklist::run_checklist;
pub use cli::{DoctorOptions, exit_status, run};
pub use credentials::{FoundCredentials, find_credentials, read_credentials_file};
pub use error::DoctorError;
pub use inputs::{
    DEFAULT_DOTENV_FILE, DEFAULT_VENUE_TIMEOUT, DoctorInputs, FixedSecrets, KeyringSecrets,
    SecretProbe,
};
pub use render::render_table;
pub use report::{CheckResult, CheckStatus, Report};
