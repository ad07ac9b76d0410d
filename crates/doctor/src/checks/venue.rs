use livespot_binance::{ClientConfig, RestClient};
use livespot_config::Config;
use livespot_domain::ReasonCode;

use super::api_key::{KEY_NAME, key_permissions};
use super::venue_clock::{fetch_time_lapse, local_now_ms, offset_to_time_lapse};
use super::venue_target::{VenueTarget, venue_target};
use crate::credentials::{FoundCredentials, find_credentials};
use crate::{CheckResult, DoctorInputs};

pub const REACH_NAME: &str = "venue_reachable";
pub const CLOCK_NAME: &str = "clock_offset";
const CLOCK_FIX: &str =
    "synchronise the system clock (timedatectl set-ntp true, or w32tm /resync on Windows)";

pub const VENUE_CALLS_BUDGETED: u32 = 4;

pub async fn check(config: &Config, inputs: &DoctorInputs) -> Vec<CheckResult> {
    let budget = inputs.venue_timeout * VENUE_CALLS_BUDGETED;
    if let Ok(checks) = tokio::time::timeout(budget, check_unbounded(config, inputs)).await {
        return checks;
    }
    let reach = CheckResult::fail(
        REACH_NAME,
        ReasonCode::DoctorVenueUnreachable,
        format!(
            "the venue checks did not finish within {} ms (rate limited or banned?)",
            budget.as_millis()
        ),
        "check the network and whether this IP is rate limited or banned by the venue",
    );
    with_unmeasured(reach, inputs.live_checklist)
}

async fn check_unbounded(config: &Config, inputs: &DoctorInputs) -> Vec<CheckResult> {
    let target = match venue_target(&inputs.var_dir, &config.venue) {
        Ok(target) => target,
        Err(error) => {
            let detail = error.to_string();
            let reach = CheckResult::fail(
                REACH_NAME,
                error.reason(),
                &detail,
                "stop the stack cleanly or remove the stale var/run/endpoints.json",
            );
            return with_unmeasured(reach, inputs.live_checklist);
        }
    };
    let client_config = doctor_client_config(&target, config, inputs);
    let credentials = find_credentials(inputs);
    let usable = match &credentials {
        Ok(FoundCredentials::Found { credentials, .. }) => Some(credentials.clone()),
        _ => None,
    };
    let client = match RestClient::new(client_config, usable) {
        Ok(client) => client,
        Err(error) => {
            let reach = CheckResult::fail(
                REACH_NAME,
                ReasonCode::DoctorVenueUnreachable,
                error.to_string(),
                "check the TLS setup of this machine",
            );
            return with_unmeasured(reach, inputs.live_checklist);
        }
    };
    let offset_ms = match measure(&client, &target).await {
        Ok(offset_ms) => offset_ms,
        Err(reach) => return with_unmeasured(reach, inputs.live_checklist),
    };
    let clock_check = clock_of_target(&target, offset_ms, config, inputs).await;
    vec![
        CheckResult::pass(
            REACH_NAME,
            format!(
                "{} answered ping and time ({})",
                target.rest_url, target.source
            ),
        ),
        clock_check,
        key_permissions(&client, credentials, inputs.live_checklist).await,
    ]
}

async fn measure(client: &RestClient, target: &VenueTarget) -> Result<i64, CheckResult> {
    let unreachable = |step: &str, error: &dyn std::fmt::Display| {
        CheckResult::fail(
            REACH_NAME,
            ReasonCode::DoctorVenueUnreachable,
            format!(
                "{step} on {} ({}) failed: {error}",
                target.rest_url, target.source
            ),
            "check the network, a proxy or firewall, and [venue].rest_url",
        )
    };
    client
        .ping()
        .await
        .map_err(|error| unreachable("/api/v3/ping", &error))?;
    client
        .sync_time()
        .await
        .map_err(|error| unreachable("/api/v3/time", &error))
}

fn with_unmeasured(reach: CheckResult, live_checklist: bool) -> Vec<CheckResult> {
    let why = format!("not measured: {} failed", reach.name);
    vec![
        reach,
        CheckResult::warn_or_fail(
            live_checklist,
            CLOCK_NAME,
            ReasonCode::DoctorClockUnmeasured,
            &why,
            "make the venue reachable, then run the doctor again",
        ),
        CheckResult::warn_or_fail(
            live_checklist,
            KEY_NAME,
            ReasonCode::DoctorKeyCheckFailed,
            &why,
            "make the venue reachable, then run the doctor again",
        ),
    ]
}

fn doctor_client_config(
    target: &VenueTarget,
    config: &Config,
    inputs: &DoctorInputs,
) -> ClientConfig {
    let mut client_config = ClientConfig::local(&target.rest_url, "", "");
    client_config.recv_window_ms = config.venue.recv_window_ms;
    client_config.timeout_ms = u64::try_from(inputs.venue_timeout.as_millis()).unwrap_or(u64::MAX);
    client_config
}

async fn clock_of_target(
    target: &VenueTarget,
    offset_ms: i64,
    config: &Config,
    inputs: &DoctorInputs,
) -> CheckResult {
    let limit = config.live.max_clock_offset_ms;
    let Some(admin_url) = &target.sim_admin_url else {
        return clock(offset_ms, limit);
    };
    let Some(lapse) = fetch_time_lapse(admin_url, inputs.venue_timeout).await else {
        return clock(offset_ms, limit);
    };
    let local_ms = local_now_ms();
    let lapse_offset = offset_to_time_lapse(lapse, local_ms + offset_ms, local_ms);
    let mut result = clock(lapse_offset, limit);
    result.detail = format!(
        "{} against the simulator's time-lapse clock (x{})",
        result.detail, lapse.scale
    );
    result
}

pub fn clock(offset_ms: i64, max_offset_ms: u64) -> CheckResult {
    let detail = format!("offset to the venue {offset_ms:+} ms (limit ±{max_offset_ms} ms)");
    if offset_ms.unsigned_abs() <= max_offset_ms {
        CheckResult::pass(CLOCK_NAME, detail)
    } else {
        CheckResult::fail(
            CLOCK_NAME,
            ReasonCode::LiveClockOffsetExceeded,
            detail,
            CLOCK_FIX,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    #[test]
    fn clock_offset_limit_is_inclusive_both_ways() {
        assert_eq!(clock(500, 500).status, CheckStatus::Pass);
        assert_eq!(clock(-500, 500).status, CheckStatus::Pass);
        let skewed = clock(-501, 500);
        assert_eq!(
            (skewed.status, skewed.reason_code),
            (CheckStatus::Fail, ReasonCode::LiveClockOffsetExceeded)
        );
    }
}
