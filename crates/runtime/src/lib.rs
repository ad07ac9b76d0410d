mod args;
mod child;
mod daily_file;
mod error;
mod exit;
mod keys;
mod link;
mod logging;
mod protocol;
mod secret;
mod secret_store;
mod signal;
mod stdin_lines;

pub use args::CommonArgs;
pub use child::{ChildContext, run_child};
pub use daily_file::{DailyLogFile, civil_date, utc_day_of};
pub use error::RuntimeError;
pub use exit::ExitStatus;
pub use keys::{MAX_RUN_KEYS_LINE_BYTES, RunKeys, RunMode, VenueCredentials, VenueEndpoints};
pub use link::ChildLink;
pub use logging::{LogGuards, init_logging, logs_dir};
pub use protocol::{
    ChildReport, LauncherCommand, MAX_CONTROL_LINE_BYTES, decode_line, encode_line,
};
pub use secret::{REDACTED, SecretText};
pub use secret_store::{
    KEYRING_SERVICE, SecretName, SecretSource, attach_session_keyring, dotenv_value,
    keyring_secret, load_secret, store_secret,
};
pub use signal::os_shutdown_signal;
