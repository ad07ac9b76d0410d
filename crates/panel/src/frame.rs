use std::sync::Arc;

use livespot_audit::audit_db_path;
use livespot_domain::SystemClock;
use livespot_runtime::{ChildContext, ExitStatus, RunMode};

use crate::bind::{bind_loopback, served_hosts};
use crate::state::{PanelClock, PanelSettings, PanelState};
use crate::{PanelError, app};

pub const fn mode_label(mode: RunMode) -> &'static str {
    match mode {
        RunMode::Sim => "SIM",
        RunMode::Live => "LIVE",
    }
}

pub async fn run(context: ChildContext) -> ExitStatus {
    match serve(context).await {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(reason = error.reason_code(), %error, "panel stopped");
            ExitStatus::Failure
        }
    }
}

async fn serve(context: ChildContext) -> Result<(), PanelError> {
    let panel = &context.config.panel;
    let listener = bind_loopback(&panel.bind_address, panel.port).await?;
    let local = listener
        .local_addr()
        .map_err(|error| PanelError::BindFailed {
            address: panel.bind_address.clone(),
            detail: error.to_string(),
        })?;
    let url = format!("http://{local}");
    tracing::info!(%url, "panel listening");
    context.link.endpoint("panel", url);
    let shutdown = context.link.shutdown();
    let settings = PanelSettings {
        db_path: audit_db_path(&context.var_dir),
        mode_label: mode_label(context.keys.mode),
        venue_clock_scale: context.keys.venue_clock_rate(),
        run_id: context.keys.run_id.to_string(),
        sys_mode: context.link.mode_watch(),
        served_hosts: served_hosts(local),
        shutdown: shutdown.clone(),
        clock: PanelClock(Arc::new(SystemClock)),
    };
    let state = PanelState::new(settings, &context.config);
    axum::serve(listener, app(state))
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
        .map_err(|error| PanelError::BindFailed {
            address: local.to_string(),
            detail: error.to_string(),
        })
}
