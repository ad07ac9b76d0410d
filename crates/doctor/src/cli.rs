use std::path::PathBuf;

use livespot_runtime::{ExitStatus, attach_session_keyring};

use crate::checks::config_check;
use crate::{CheckStatus, DoctorInputs, Report, render_table, run_checklist};

#[derive(Debug, Clone)]
pub struct DoctorOptions {
    pub config_path: PathBuf,
    pub var_dir: PathBuf,
    pub json: bool,
    pub live_checklist: bool,
    pub credentials_file: Option<PathBuf>,
    pub dotenv_path: PathBuf,
}

pub fn exit_status(report: &Report) -> ExitStatus {
    let config_failed = report
        .check(config_check::NAME)
        .is_none_or(|check| check.status == CheckStatus::Fail);
    if config_failed {
        ExitStatus::BadConfig
    } else if report.failed() {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    }
}

pub fn run(options: DoctorOptions) -> ExitStatus {
    attach_session_keyring();
    let mut inputs = DoctorInputs::new(options.config_path, options.var_dir);
    inputs.live_checklist = options.live_checklist;
    inputs.credentials_file = options.credentials_file;
    inputs.dotenv_path = options.dotenv_path;
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("livespot-doctor: cannot start the async runtime: {error}");
            return ExitStatus::Fatal;
        }
    };
    let report = runtime.block_on(run_checklist(&inputs));
    if options.json {
        println!("{}", report.to_json());
    } else {
        print!("{}", render_table(&report));
    }
    exit_status(&report)
}

#[cfg(test)]
mod tests {
    use livespot_domain::ReasonCode;

    use super::*;
    use crate::CheckResult;

    #[test]
    fn exit_codes_follow_the_worst_check() {
        let config_ok = CheckResult::pass(config_check::NAME, "ok");
        let warn = CheckResult::warn("dotenv", ReasonCode::DoctorDotenvSecrets, "x", "y");
        let fail = CheckResult::fail("audit_chain", ReasonCode::AuditChainBroken, "x", "y");
        let bad_config = CheckResult::fail(config_check::NAME, ReasonCode::ConfigParse, "x", "y");
        let status = |checks: Vec<CheckResult>| exit_status(&Report::new(None, checks)).code();
        assert_eq!(status(vec![config_ok.clone(), warn]), 0);
        assert_eq!(status(vec![config_ok, fail]), 1);
        assert_eq!(status(vec![bad_config]), 3);
    }
}
