use std::path::Path;

use livespot_runtime::ExitStatus;

use crate::migrate::audit_db_path;
use crate::verify::verify_store;

pub fn run_verify(var_dir: &Path) -> ExitStatus {
    let db_path = audit_db_path(var_dir);
    match verify_store(&db_path) {
        Ok(report) => match &report.broken {
            None => {
                println!(
                    "livespot-audit verify: OK: {} events chained, head count {}",
                    report.events_checked, report.head_event_count
                );
                ExitStatus::Success
            }
            Some(broken) => {
                println!(
                    "livespot-audit verify: FAIL: {broken} ({} events verified before it, head count {})",
                    report.events_checked, report.head_event_count
                );
                ExitStatus::Failure
            }
        },
        Err(error) => {
            eprintln!("livespot-audit verify: {error}");
            ExitStatus::Refused
        }
    }
}
