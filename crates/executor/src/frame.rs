use livespot_runtime::{ChildContext, ExitStatus};

use crate::load_credentials;

pub async fn run(context: ChildContext) -> ExitStatus {
    let (_credentials, source) = match load_credentials(&context.keys) {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "executor refuses to start without venue credentials");
            return ExitStatus::Refused;
        }
    };
    tracing::info!(?source, "venue credentials loaded");
    context.link.follow_until_shutdown().await;
    ExitStatus::Success
}
