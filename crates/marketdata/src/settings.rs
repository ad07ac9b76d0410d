use std::time::Duration;

use livespot_binance::ClientConfig;
use livespot_config::Config;
use livespot_runtime::RunKeys;

use crate::MarketdataError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarketdataSettings {
    pub ws_stale: Duration,
    pub rest_stale: Duration,
    pub rest_latency_max: Duration,
    pub health_interval: Duration,
    pub exchange_info_refresh: Duration,
    pub ticker_refresh: Duration,
    pub publish_interval: Duration,
    pub kline_backfill: u32,
    pub candidates: usize,
    pub watchlist: usize,
}

impl MarketdataSettings {
    pub fn from_config(config: &Config) -> Self {
        let section = &config.marketdata;
        Self {
            ws_stale: Duration::from_millis(section.ws_stale_ms),
            rest_stale: Duration::from_millis(section.rest_stale_ms),
            rest_latency_max: Duration::from_millis(section.rest_latency_max_ms),
            health_interval: Duration::from_millis(section.health_interval_ms),
            exchange_info_refresh: Duration::from_secs(section.exchange_info_refresh_secs),
            ticker_refresh: Duration::from_secs(section.ticker_refresh_secs),
            publish_interval: Duration::from_millis(section.publish_interval_ms),
            kline_backfill: section.kline_backfill,
            candidates: usize::try_from(config.universe.deep_scan_top_n).unwrap_or(usize::MAX),
            watchlist: usize::try_from(config.universe.watchlist_top_k).unwrap_or(usize::MAX),
        }
    }
}

pub fn client_config(keys: &RunKeys, config: &Config) -> Result<ClientConfig, MarketdataError> {
    let mut client = match &keys.venue {
        Some(venue) => ClientConfig::local(&venue.rest, &venue.ws, &venue.ws_api),
        None => ClientConfig::local(
            &config.venue.rest_url,
            &config.venue.ws_url,
            &config.venue.ws_api_url,
        ),
    };
    if client.rest_url.is_empty() || client.ws_url.is_empty() {
        return Err(MarketdataError::VenueUnknown {
            detail: "no REST or stream URL".to_owned(),
        });
    }
    client.recv_window_ms = config.venue.recv_window_ms;
    client.server_clock_rate = keys.venue_clock_rate();
    client.timeout_ms = config
        .marketdata
        .rest_latency_max_ms
        .saturating_mul(5)
        .max(1_000);
    Ok(client)
}

#[cfg(test)]
mod tests {
    use livespot_config::{MarketdataConfig, SHIPPED_CONFIG_TEXT};

    use super::*;

    #[test]
    fn shipped_thresholds_become_durations_and_list_sizes() {
        let config = Config::from_toml(SHIPPED_CONFIG_TEXT).unwrap();
        let settings = MarketdataSettings::from_config(&config);
        assert_eq!(settings.ws_stale, Duration::from_secs(5));
        assert_eq!(settings.rest_stale, Duration::from_mins(2));
        assert_eq!(settings.rest_latency_max, Duration::from_secs(2));
        assert_eq!(settings.candidates, 30);
        assert_eq!(settings.watchlist, 5);
        assert_eq!(settings.kline_backfill, 1_000);
    }

    #[test]
    fn the_section_is_optional_and_defaults_match_the_shipped_file() {
        let without = SHIPPED_CONFIG_TEXT
            .split("\n[marketdata]")
            .next()
            .unwrap()
            .to_owned();
        let config = Config::from_toml(&without).unwrap();
        assert_eq!(config.marketdata, MarketdataConfig::default());
        let shipped = Config::from_toml(SHIPPED_CONFIG_TEXT).unwrap();
        assert_eq!(shipped.marketdata, MarketdataConfig::default());
    }

    #[test]
    fn an_out_of_range_staleness_is_refused_with_its_key() {
        let text = SHIPPED_CONFIG_TEXT.replace("ws_stale_ms = 5000", "ws_stale_ms = 10");
        let error = Config::from_toml(&text).unwrap_err();
        assert!(
            error.to_string().contains("marketdata.ws_stale_ms"),
            "{error}"
        );
    }
}
