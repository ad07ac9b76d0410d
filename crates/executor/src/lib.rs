mod credentials;
mod frame;

pub use credentials::{CredentialSource, load_credentials};
pub use frame::run;
