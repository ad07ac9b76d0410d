use livespot_binance::RestClient;
use livespot_binance::rest::account::ApiRestrictions;
use livespot_domain::ReasonCode;

use crate::credentials::FoundCredentials;
use crate::{CheckResult, DoctorError};

pub const KEY_NAME: &str = "api_key_permissions";

pub async fn key_permissions(
    client: &RestClient,
    credentials: Result<FoundCredentials, DoctorError>,
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
}
