use livespot_runtime::{ChildContext, ExitStatus};

pub async fn run(context: ChildContext) -> ExitStatus {
    tracing::info!(
        mode = context.keys.mode.as_str(),
        "marketdata frame running; market data feeds arrive with their issue"
    );
    context.link.follow_until_shutdown().await;
    ExitStatus::Success
}
