use livespot_runtime::{ChildContext, ExitStatus};

use crate::{
    ExecutorAudit, load_credentials, open_intake, serve_intake, spawn_engine, venue_client,
};

pub async fn run(context: ChildContext) -> ExitStatus {
    let (credentials, source) = match load_credentials(&context.keys) {
        Ok(found) => found,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "executor refuses to start without venue credentials");
            return ExitStatus::Refused;
        }
    };
    tracing::info!(?source, "venue credentials loaded");
    let client = match venue_client(&context, &credentials) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "venue client not built");
            return ExitStatus::Fatal;
        }
    };
    drop(credentials);
    let intake = match open_intake(&context) {
        Ok(intake) => intake,
        Err(error) => {
            tracing::error!(%error, "intake not opened");
            return ExitStatus::Fatal;
        }
    };
    let audit = ExecutorAudit::connect(&context);
    let engine = spawn_engine(&context, client, audit.clone());
    match serve_intake(&context, intake, audit, engine).await {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(%error, "intake stopped");
            ExitStatus::Failure
        }
    }
}
