mod audit_out;
mod caps;
mod credentials;
mod fixture;
mod frame;
mod intake;
mod server;

pub use audit_out::ExecutorAudit;
pub use caps::{CapRefusal, HardCaps};
pub use credentials::{CredentialSource, binance_secrets_present, load_credentials};
pub use fixture::sample_entry_intent;
pub use frame::run;
pub use intake::{ACCEPTED_NOT_EXECUTED, Intake, IntakeDecision, IntakeError};
pub use server::{INTAKE_ALLOWLIST, ipc_limits, open_intake, serve_intake};
