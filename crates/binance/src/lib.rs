pub mod book;
pub mod book_sync;
pub mod client_order_id;
pub mod config;
pub mod error;
pub mod filter_check;
mod filter_check_counts;
mod filter_rules;
pub mod filters;
pub mod quantize;
pub mod rate_limit;
pub mod rest;
pub mod secret;
pub mod signing;
pub mod streams;
pub mod time_sync;
pub mod user_data;

pub use config::ClientConfig;
pub use error::BinanceError;
pub use rest::client::RestClient;
pub use secret::{ApiKey, ApiSecret, Credentials};

pub fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let installed = rustls::crypto::aws_lc_rs::default_provider().install_default();
        if installed.is_err() {
            tracing::debug!("rustls crypto provider was installed concurrently");
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn crypto_provider_install_is_idempotent() {
        super::install_crypto_provider();
        super::install_crypto_provider();
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }
}
