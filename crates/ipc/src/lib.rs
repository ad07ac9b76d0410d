mod connection;
mod connector;
mod endpoint;
mod envelope;
mod error;
mod frame;
mod handshake;
mod limits;
mod listener;
mod mac;
mod payload;
mod platform;
mod rejection;
mod run_keys;
mod secret_key;
mod shared_stream;

pub use connection::{Connection, EnvelopeReader, EnvelopeWriter};
pub use connector::{connect, open_raw_stream};
pub use endpoint::Endpoint;
pub use envelope::{Envelope, PROTOCOL_VERSION, system_now_ms};
pub use error::IpcError;
pub use frame::{
    DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES, FrameLimits, decode_body, encode_body, read_frame,
    read_message, write_frame, write_message,
};
pub use handshake::{HandshakeFailure, connector_handshake, listener_handshake};
pub use limits::IpcLimits;
pub use listener::{AuthenticatedConnection, Listener};
pub use mac::{MAC_BYTES, compute_mac, verify_mac};
pub use payload::{MAX_DETAIL_CHARS, Payload, ShutdownStage};
pub use rejection::Rejection;
pub use run_keys::{Link, PeerLinkKey, RunKeys, RunSecrets, derive_link_key};
pub use secret_key::{SECRET_KEY_BYTES, SecretKey};
