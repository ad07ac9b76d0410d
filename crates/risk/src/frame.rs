use livespot_runtime::{ChildContext, ExitStatus};

pub async fn run(context: ChildContext) -> ExitStatus {
    let holds_intent_key = context.keys.holds_intent_key();
    tracing::info!(
        holds_intent_key,
        "risk frame running; limits and signing arrive with their issue"
    );
    context.link.follow_until_shutdown().await;
    ExitStatus::Success
}
