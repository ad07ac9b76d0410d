use livespot_binance::rest::account::ApiRestrictions;
use livespot_binance::{ClientConfig, RestClient};
use livespot_config::Config;
use livespot_domain::ReasonCode;

use super::venue_target::{VenueTarget, venue_target};
use crate::credentials::{FoundCredentials, find_credentials};
use crate::{CheckResult, DoctorInputs};

pub const REACH_NAME: &str = "venue_reachable";
pub const CLOCK_NAME: &str = "clock_offset";
pub const KEY_NAME: &str = "api_key_permissions";
const CLOCK_FIX: &str =
    "synchronise the system clock (timedatectl set-ntp true, or w32tm /resync on Windows)";

pub async fn check(config: &Config, inputs: &DoctorInputs) -> Vec<CheckResult> {
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
    let mut client_config = ClientConfig::local(&target.rest_url, "", "");
    client_config.recv_window_ms = config.venue.recv_window_ms;
    client_config.timeout_ms = u64::try_from(inputs.venue_timeout.as_millis()).unwrap_or(u64::MAX);
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
    vec![
        CheckResult::pass(
            REACH_NAME,
            format!(
                "{} answered ping and time ({})",
                target.rest_url, target.source
            ),
        ),
        clock(offset_ms, config.live.max_clock_offset_ms),
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

async fn key_permissions(
    client: &RestClient,
    credentials: Result<FoundCredentials, crate::DoctorError>,
    live_checklist: bool,
) -> CheckResult {
    let source = match credentials {
        Err(error) => {
            return CheckResult::fail(
                KEY_NAME,
                error.reason(),
                error.to_string(),
                "fix the credentials file (TOML with api_key and api_secret)",
            );
        }
        Ok(FoundCredentials::Absent) => {
            return CheckResult::warn_or_fail(
                live_checklist,
                KEY_NAME,
                ReasonCode::DoctorCredentialsAbsent,
                "not checked: no API key in the keyring, BINANCE_API_KEY/BINANCE_API_SECRET or --credentials-file",
                "store the key with `livespot-launch secrets set`, or pass --credentials-file",
            );
        }
        Ok(FoundCredentials::Found { source, .. }) => source,
    };
    match client.api_restrictions().await {
        Ok(restrictions) => judge(&restrictions, source),
        Err(error) => CheckResult::fail(
            KEY_NAME,
            ReasonCode::DoctorKeyCheckFailed,
            format!("apiRestrictions with the key from the {source} failed: {error}"),
            "check the API key is valid for this venue and not expired",
        ),
    }
}

pub fn judge(restrictions: &ApiRestrictions, source: &str) -> CheckResult {
    let summary = format!(
        "key from the {source}: spot trading {}, withdrawals {}, IP restriction {}",
        on_off(restrictions.enable_spot_and_margin_trading),
        on_off(restrictions.enable_withdrawals),
        on_off(restrictions.ip_restrict)
    );
    if restrictions.enable_withdrawals {
        CheckResult::fail(
            KEY_NAME,
            ReasonCode::LiveKeyCanWithdraw,
            summary,
            "edit the key on Binance: turn withdrawals OFF (or create a key without them)",
        )
    } else if !restrictions.enable_spot_and_margin_trading {
        CheckResult::fail(
            KEY_NAME,
            ReasonCode::DoctorKeyNoSpotTrading,
            summary,
            "edit the key on Binance: enable Spot & Margin trading",
        )
    } else if !restrictions.ip_restrict {
        CheckResult::warn(
            KEY_NAME,
            ReasonCode::DoctorKeyIpUnrestricted,
            summary,
            "edit the key on Binance: restrict access to this machine's IP addresses",
        )
    } else {
        CheckResult::pass(KEY_NAME, summary)
    }
}

const fn on_off(flag: bool) -> &'static str {
    if flag { "on" } else { "off" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CheckStatus;

    fn restrictions(withdrawals: bool, spot: bool, ip: bool) -> ApiRestrictions {
        ApiRestrictions {
            ip_restrict: ip,
            create_time: 0,
            enable_withdrawals: withdrawals,
            enable_reading: true,
            enable_spot_and_margin_trading: spot,
            enable_internal_transfer: false,
            permits_universal_transfer: false,
            enable_margin: false,
            enable_futures: false,
        }
    }

    #[test]
    fn withdrawals_fail_first_then_spot_then_ip_warns() {
        let cases = [
            (
                restrictions(true, true, true),
                CheckStatus::Fail,
                ReasonCode::LiveKeyCanWithdraw,
            ),
            (
                restrictions(false, false, true),
                CheckStatus::Fail,
                ReasonCode::DoctorKeyNoSpotTrading,
            ),
            (
                restrictions(false, true, false),
                CheckStatus::Warn,
                ReasonCode::DoctorKeyIpUnrestricted,
            ),
            (
                restrictions(false, true, true),
                CheckStatus::Pass,
                ReasonCode::DoctorCheckPassed,
            ),
        ];
        for (given, status, reason) in cases {
            let result = judge(&given, "test");
            assert_eq!(
                (result.status, result.reason_code),
                (status, reason),
                "{}",
                result.detail
            );
        }
    }

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
