use std::path::Path;

use livespot_runtime::{ChildContext, ExitStatus, SecretName, attach_session_keyring, load_secret};

pub const DOTENV_FILE: &str = ".env";

pub async fn run(context: ChildContext) -> ExitStatus {
    attach_session_keyring();
    match load_secret(SecretName::OpenaiApiKey, Path::new(DOTENV_FILE)) {
        Ok((_key, source)) => tracing::info!(?source, "OpenAI key loaded"),
        Err(error) => tracing::warn!(
            reason = error.reason_code(),
            %error,
            "no OpenAI key: the AI gate will fail closed"
        ),
    }
    context.link.follow_until_shutdown().await;
    ExitStatus::Success
}
