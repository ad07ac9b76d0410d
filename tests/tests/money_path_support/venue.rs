use std::ops::Deref;

use livespot_binance::config::ClientConfig;
use livespot_binance::{ApiKey, ApiSecret, Credentials, RestClient};
use livespot_runtime::{VenueCredentials, VenueEndpoints};
use rust_decimal::Decimal;

use super::SYMBOL;
#[allow(
    unused_imports,
    reason = "each test binary uses a different part of the shared admin view"
)]
pub use super::admin_view::{
    AdminView, decimal, max_in_any_window, placements as order_placements,
    posts_per_client_order_id,
};

pub struct VenueView {
    pub view: AdminView,
    pub client: RestClient,
}

impl Deref for VenueView {
    type Target = AdminView;

    fn deref(&self) -> &AdminView {
        &self.view
    }
}

impl VenueView {
    pub fn new(endpoints: &VenueEndpoints, credentials: &VenueCredentials) -> Self {
        let config = ClientConfig::local(&endpoints.rest, &endpoints.ws, &endpoints.ws_api);
        let signer = Credentials::new(
            ApiKey::new(credentials.api_key.expose()),
            ApiSecret::new(credentials.api_secret.expose()),
        );
        Self {
            view: AdminView {
                admin: endpoints.admin.clone(),
            },
            client: RestClient::new(config, Some(signer)).unwrap(),
        }
    }

    pub async fn bid_ask(&self) -> (Decimal, Decimal) {
        let book = self.client.book_ticker(SYMBOL).await.unwrap();
        (book.bid_price, book.ask_price)
    }
}
