use thiserror::Error;

#[derive(Debug, Error)]
pub enum ExecutorError {
    #[error("EXECUTION_VENUE_UNAVAILABLE: the venue client was not built: {0}")]
    VenueClient(String),
}
