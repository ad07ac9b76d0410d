use livespot_runtime::{ChildContext, ExitStatus};

use crate::{ExecutorAudit, load_credentials, open_intake, serve_intake};

pub async fn run(context: ChildContext) -> ExitStatus {
    let (_credentials, source) = match load_credentials(&context.keys) {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "executor refuses to start without venue credentials");
            return ExitStatus::Refused;
        }
    };
    tracing::info!(?source, "venue credentials loaded");
    let intake = match open_intake(&context) {
        Ok(intake) => intake,
        Err(error) => {
            tracing::error!(%error, "intake not opened");
            return ExitStatus::Fatal;
        }
    };
    let audit = ExecutorAudit::connect(&context);
    match serve_intake(&context, intake, audit).await {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(%error, "intake stopped");
            ExitStatus::Failure
        }
    }
}
