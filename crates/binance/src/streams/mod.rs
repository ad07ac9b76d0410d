pub mod backoff;
pub mod client;
pub mod events;
pub mod health;
