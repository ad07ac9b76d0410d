mod admin;
mod api_error;
mod book;
mod clock;
mod engine;
mod error;
mod exchange;
mod faults;
mod filters;
mod http;
mod market;
mod market_event;
mod num;
mod options;
mod order_counts;
mod params;
mod rate_limit;
mod rest;
mod run;
mod server;
mod signal;
mod signing;
mod state;
mod streams;
mod ws_api;
mod ws_methods;

pub use error::VenueError;
pub use faults::{FaultKind, FaultSpec};
pub use options::{
    AccountSpec, Limits, MarketProfile, MarketSource, Permissions, SimOptions, parse_profile,
};
pub use run::{StdinUse, parse_market, parse_speed, run};
pub use server::{SimHandle, spawn};
pub use signing::hmac_hex;
