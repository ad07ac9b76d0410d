use super::routes::{Route, Security};
use crate::api_error::ApiError;
use crate::engine::Engine;
use crate::params::Params;
use crate::signing;

const MAX_KEY_LEN: usize = 256;

fn rejected_key() -> ApiError {
    ApiError::new(
        401,
        -2015,
        "Invalid API-key, IP, or permissions for action.",
    )
}

pub fn authenticate(
    engine: &Engine,
    route: &Route,
    api_key: Option<&str>,
    params: &Params,
    now: i64,
) -> Result<String, ApiError> {
    if route.security == Security::Public {
        return Ok(String::new());
    }
    let key = api_key
        .filter(|k| {
            !k.is_empty() && k.len() <= MAX_KEY_LEN && k.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .ok_or_else(|| ApiError::new(401, -2014, "API-key format invalid."))?;
    let account = engine.accounts.get(key).ok_or_else(rejected_key)?;
    signing::verify(
        &account.secret,
        &params.payload,
        params.signature.as_deref(),
    )?;
    signing::check_timing(
        params.get("timestamp"),
        params.get("recvWindow"),
        now,
        engine.clock.venue_ms_per_wall_ms(),
    )?;
    let allowed = match route.security {
        Security::Trade => account.permissions.enable_spot_and_margin_trading,
        Security::UserData | Security::Public => account.permissions.enable_reading,
    };
    if !allowed {
        return Err(rejected_key());
    }
    Ok(key.to_owned())
}
