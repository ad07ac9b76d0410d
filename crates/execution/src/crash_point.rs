pub const CRASH_AT_ENV: &str = "LIVESPOT_CRASH_AT";
pub const AFTER_LEDGER_WRITE: &str = "after_ledger_write";
pub const AFTER_SEND: &str = "after_send";

pub fn crash_requested(configured: Option<&str>, name: &str) -> bool {
    configured.is_some_and(|wanted| wanted == name)
}

pub fn crash_point(name: &str) {
    let configured = std::env::var(CRASH_AT_ENV).ok();
    if crash_requested(configured.as_deref(), name) {
        tracing::error!(
            crash_point = name,
            "test crash point reached; aborting the process"
        );
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_named_point_crashes() {
        assert!(crash_requested(Some(AFTER_SEND), AFTER_SEND));
        assert!(!crash_requested(Some(AFTER_SEND), AFTER_LEDGER_WRITE));
        assert!(!crash_requested(None, AFTER_SEND));
        assert!(!crash_requested(Some(""), AFTER_SEND));
    }

    #[test]
    fn an_unset_variable_lets_every_point_pass() {
        if std::env::var(CRASH_AT_ENV).is_err() {
            crash_point(AFTER_LEDGER_WRITE);
            crash_point(AFTER_SEND);
        }
        assert!(!crash_requested(None, AFTER_LEDGER_WRITE));
    }
}
