use livespot_audit::OsDiskFree;
use livespot_config::Config;

use crate::checks::{config_check, disk, dotenv, locks, permissions, secrets, sinks, store, venue};
use crate::{DoctorInputs, Report};

pub async fn run_checklist(inputs: &DoctorInputs) -> Report {
    let config = match Config::load(&inputs.config_path) {
        Ok(config) => config,
        Err(error) => return Report::new(None, vec![config_check::invalid(&error)]),
    };
    let var_dir = inputs.var_dir.as_path();
    let mut checks = vec![
        config_check::valid(&config),
        locks::check(&config.live, var_dir, inputs.live_checklist),
        sinks::check(var_dir),
        permissions::check_var(var_dir),
        permissions::check_sockets(var_dir),
    ];
    checks.extend(store::check(var_dir));
    checks.push(secrets::check(
        inputs.secrets.as_ref(),
        &config.ai_gate,
        inputs.live_checklist,
    ));
    checks.push(dotenv::check(&inputs.dotenv_path));
    checks.extend(venue::check(&config, inputs).await);
    checks.push(disk::check(&config.disk, var_dir, &OsDiskFree));
    Report::new(Some(config.hash().to_owned()), checks)
}
