mod reply;
mod script;
mod server;

pub use reply::{conservative_quantity, risky_quantity};
pub use script::{MAX_TIMEOUT_SLEEP_MS, ScriptError, StubReply, StubScript};
pub use server::{RecordedRequest, StubServer, router};
