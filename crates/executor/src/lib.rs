mod account_publisher;
mod account_view;
mod audit_out;
mod caps;
mod clock_watch;
mod conditions;
mod connection_task;
mod credentials;
mod engine_task;
mod episode;
mod equity_day;
mod error;
mod fixture;
mod frame;
mod intake;
mod server;
mod user_events;
mod venue_client;

pub use account_view::{account_view, equity_now};
pub use audit_out::ExecutorAudit;
pub use caps::{CapRefusal, HardCaps};
pub use clock_watch::{CLOCK_WATCH_POLL, ClockLimits, ClockWatch, watch_clock};
pub use conditions::{
    ExecutionConditions, RECONCILE_FAILURES_TO_DEGRADE, condition_of, is_clean_reconcile,
    is_failed_reconcile,
};
pub use credentials::{CredentialSource, binance_secrets_present, load_credentials};
pub use engine_task::{ACCOUNT_INTERVAL_MS, EngineLink, spawn_engine};
pub use episode::{CLEAN_OBSERVATIONS_TO_CLEAR, Episode, EpisodeSignal};
pub use equity_day::{EquityDay, EquityMarks};
pub use error::ExecutorError;
pub use fixture::sample_entry_intent;
pub use frame::run;
pub use intake::{Intake, IntakeDecision, IntakeError};
pub use server::{INTAKE_ALLOWLIST, ipc_limits, open_intake, serve_intake};
pub use user_events::{USER_EVENT_QUEUE, spawn_user_events, symbol_of};
pub use venue_client::{VenueAccess, venue_access, venue_client_config};
