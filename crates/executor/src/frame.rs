use livespot_runtime::{ChildContext, ExitStatus};

use crate::{
    ExecutorAudit, load_credentials, open_intake, serve_intake, spawn_engine, spawn_user_events,
    venue_access,
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
    let access = match venue_access(&context, &credentials) {
        Ok(access) => access,
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
    let user_events = (!access.config.ws_api_url.is_empty()).then(|| {
        spawn_user_events(
            &access.config,
            access.credentials.clone(),
            access.client.clone(),
            context.link.shutdown(),
        )
    });
    tokio::spawn(crate::watch_clock(
        access.client.clone(),
        context.link.clone(),
        crate::ClockLimits::from_config(&context.config),
    ));
    let engine = spawn_engine(&context, access.client, user_events, audit.clone());
    match serve_intake(&context, intake, audit, engine).await {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(%error, "intake stopped");
            ExitStatus::Failure
        }
    }
}
