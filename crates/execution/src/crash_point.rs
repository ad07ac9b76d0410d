use std::path::Path;

pub const CRASH_AT_ENV: &str = "LIVESPOT_CRASH_AT";
pub const AFTER_LEDGER_WRITE: &str = "after_ledger_write";
pub const AFTER_SEND: &str = "after_send";
pub const ONE_SHOT_MARKER_SEPARATOR: char = '@';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrashRequest<'a> {
    pub point: &'a str,
    pub one_shot_marker: Option<&'a Path>,
}

impl<'a> CrashRequest<'a> {
    pub fn parse(configured: &'a str) -> Self {
        match configured.split_once(ONE_SHOT_MARKER_SEPARATOR) {
            Some((point, marker)) => Self {
                point,
                one_shot_marker: Some(Path::new(marker)),
            },
            None => Self {
                point: configured,
                one_shot_marker: None,
            },
        }
    }

    pub fn fires_at(&self, name: &str) -> bool {
        if self.point.is_empty() || self.point != name {
            return false;
        }
        match self.one_shot_marker {
            None => true,
            Some(marker) => claim_one_shot_marker(marker),
        }
    }
}

pub fn one_shot_value(point: &str, marker: &Path) -> String {
    format!("{point}{ONE_SHOT_MARKER_SEPARATOR}{}", marker.display())
}

fn claim_one_shot_marker(marker: &Path) -> bool {
    if marker.as_os_str().is_empty() {
        return false;
    }
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(marker)
        .is_ok()
}

pub fn crash_requested(configured: Option<&str>, name: &str) -> bool {
    configured.is_some_and(|wanted| CrashRequest::parse(wanted).fires_at(name))
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

    #[test]
    fn a_one_shot_point_fires_once_per_marker() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("crashed-once");
        let value = one_shot_value(AFTER_SEND, &marker);
        assert!(!crash_requested(Some(&value), AFTER_LEDGER_WRITE));
        assert!(
            !marker.exists(),
            "another point leaves the marker unclaimed"
        );
        assert!(crash_requested(Some(&value), AFTER_SEND));
        assert!(marker.exists());
        assert!(!crash_requested(Some(&value), AFTER_SEND));
        assert!(!crash_requested(Some(&value), AFTER_SEND));
    }

    #[test]
    fn a_one_shot_marker_that_cannot_be_created_never_fires() {
        let dir = tempfile::tempdir().unwrap();
        let unreachable = dir.path().join("missing-dir").join("marker");
        assert!(!crash_requested(
            Some(&one_shot_value(AFTER_SEND, &unreachable)),
            AFTER_SEND
        ));
        assert!(!crash_requested(Some("after_send@"), AFTER_SEND));
    }

    #[test]
    fn the_one_shot_value_parses_back_into_its_point_and_marker() {
        let marker = Path::new("/tmp/some dir/marker");
        let value = one_shot_value(AFTER_LEDGER_WRITE, marker);
        let request = CrashRequest::parse(&value);
        assert_eq!(request.point, AFTER_LEDGER_WRITE);
        assert_eq!(request.one_shot_marker, Some(marker));
        assert_eq!(CrashRequest::parse(AFTER_SEND).one_shot_marker, None);
    }
}
