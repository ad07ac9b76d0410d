use std::net::SocketAddr;

use livespot_runtime::{ChildContext, ExitStatus};

use crate::{HealthState, health_router};

pub async fn run(context: ChildContext) -> ExitStatus {
    let address = format!(
        "{}:{}",
        context.config.panel.bind_address, context.config.panel.port
    );
    let listener = match tokio::net::TcpListener::bind(&address).await {
        Ok(listener) => listener,
        Err(error) => {
            tracing::error!(reason = "PANEL_BIND_FAILED", %address, %error, "panel cannot listen");
            return ExitStatus::Failure;
        }
    };
    let local: Option<SocketAddr> = listener.local_addr().ok();
    let url = local.map_or_else(
        || format!("http://{address}"),
        |local| format!("http://{local}"),
    );
    tracing::info!(%url, "panel listening");
    context.link.endpoint("panel", url);
    let state = HealthState {
        run_id: context.keys.run_id.to_string(),
        run_mode: context.keys.mode.as_str(),
        link: context.link.clone(),
    };
    let shutdown = context.link.shutdown();
    let served = axum::serve(listener, health_router(state))
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await;
    match served {
        Ok(()) => ExitStatus::Success,
        Err(error) => {
            tracing::error!(reason = "PANEL_SERVE_FAILED", %error, "panel stopped");
            ExitStatus::Failure
        }
    }
}
