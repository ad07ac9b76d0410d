mod connection;
mod connector;
mod dedup;
mod durable;
mod endpoint;
mod envelope;
mod error;
mod frame;
mod frame_assembler;
mod handshake;
mod intent_refusal;
mod intent_signing;
mod intent_verifier;
mod limits;
mod listener;
mod mac;
mod nonce_store;
mod outbox;
mod payload;
mod platform;
mod reconnect;
mod rejection;
mod run_keys;
mod secret_key;
mod shared_stream;

pub use connection::{Connection, EnvelopeReader, EnvelopeWriter};
pub use connector::{connect, open_raw_stream};
pub use dedup::{DEFAULT_DEDUP_WINDOW, DedupWindow};
pub use durable::{DurableMessage, OutboxEntry, ack_for_durable, acked_seq, durable_seq};
pub use endpoint::Endpoint;
pub use envelope::{Envelope, PROTOCOL_VERSION, system_now_ms};
pub use error::IpcError;
pub use frame::{
    DEFAULT_MAX_FRAME_BYTES, FRAME_HEADER_BYTES, FrameLimits, decode_body, encode_body, read_frame,
    read_message, write_frame, write_message,
};
pub use handshake::{HandshakeFailure, connector_handshake, listener_handshake};
pub use intent_refusal::IntentRefusal;
pub use intent_signing::{
    INTENT_NONCE_BYTES, fresh_intent_nonce, intent_signing_bytes, sign_intent, signature_is_valid,
};
pub use intent_verifier::{DEFAULT_MAX_INTENT_TTL_MS, IntentVerifier};
pub use limits::IpcLimits;
pub use listener::{AuthenticatedConnection, Listener};
pub use mac::{MAC_BYTES, compute_mac, verify_mac};
pub use nonce_store::{FileNonceStore, MemoryNonceStore, NonceStore, NonceStoreError};
pub use outbox::{Outbox, OutboxError};
pub use payload::{IntentUpdate, MAX_DETAIL_CHARS, Payload, ShutdownStage};
pub use reconnect::{RetryPolicy, connect_with_retry};
pub use rejection::Rejection;
pub use run_keys::{Link, PeerLinkKey, RunKeys, RunSecrets, derive_link_key};
pub use secret_key::{SECRET_KEY_BYTES, SecretKey};
