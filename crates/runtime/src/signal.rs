#[cfg(unix)]
pub async fn os_shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut terminate) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
        }
        Err(error) => {
            tracing::warn!(reason = "SIGTERM_HANDLER_FAILED", %error, "only Ctrl-C will stop this process");
            if let Err(error) = tokio::signal::ctrl_c().await {
                tracing::error!(reason = "CTRL_C_HANDLER_FAILED", %error, "no OS signal can stop this process");
                std::future::pending::<()>().await;
            }
        }
    }
}

#[cfg(windows)]
pub async fn os_shutdown_signal() {
    use tokio::signal::windows::ctrl_break;
    match ctrl_break() {
        Ok(mut on_break) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = on_break.recv() => {}
            }
        }
        Err(error) => {
            tracing::warn!(reason = "CTRL_BREAK_HANDLER_FAILED", %error, "only Ctrl-C will stop this process");
            if let Err(error) = tokio::signal::ctrl_c().await {
                tracing::error!(reason = "CTRL_C_HANDLER_FAILED", %error, "no OS signal can stop this process");
                std::future::pending::<()>().await;
            }
        }
    }
}
