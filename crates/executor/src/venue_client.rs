use livespot_binance::{ApiKey, ApiSecret, ClientConfig, Credentials, RestClient};
use livespot_runtime::{ChildContext, VenueCredentials};

use crate::ExecutorError;

pub fn venue_client_config(context: &ChildContext) -> ClientConfig {
    let venue = &context.config.venue;
    let mut config = match &context.keys.venue {
        Some(endpoints) => ClientConfig::local(&endpoints.rest, &endpoints.ws, &endpoints.ws_api),
        None => ClientConfig::local(&venue.rest_url, &venue.ws_url, &venue.ws_api_url),
    };
    config.recv_window_ms = venue.recv_window_ms;
    config.server_clock_rate = context.keys.venue_clock_rate();
    config.time_sync_interval_ms = venue.time_resync_interval_secs.saturating_mul(1_000);
    config
}

#[derive(Debug)]
pub struct VenueAccess {
    pub client: RestClient,
    pub config: ClientConfig,
    pub credentials: Credentials,
}

pub fn venue_access(
    context: &ChildContext,
    credentials: &VenueCredentials,
) -> Result<VenueAccess, ExecutorError> {
    let signing = Credentials::new(
        ApiKey::new(credentials.api_key.expose()),
        ApiSecret::new(credentials.api_secret.expose()),
    );
    let config = venue_client_config(context);
    let client = RestClient::new(config.clone(), Some(signing.clone()))
        .map_err(|error| ExecutorError::VenueClient(error.to_string()))?;
    Ok(VenueAccess {
        client,
        config,
        credentials: signing,
    })
}
