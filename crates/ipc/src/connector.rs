use interprocess::local_socket::tokio::Stream;
use interprocess::local_socket::traits::tokio::Stream as _;

use crate::connection::Connection;
use crate::endpoint::Endpoint;
use crate::error::IpcError;
use crate::handshake::connector_handshake;
use crate::limits::IpcLimits;
use crate::platform::stream_name;
use crate::run_keys::RunKeys;

pub async fn open_raw_stream(endpoint: &Endpoint) -> Result<Stream, IpcError> {
    let name = stream_name(endpoint)?;
    Stream::connect(name)
        .await
        .map_err(|error| IpcError::ConnectFailed(format!("{endpoint}: {error}")))
}

pub async fn connect(
    endpoint: &Endpoint,
    keys: &RunKeys,
    limits: IpcLimits,
) -> Result<Connection, IpcError> {
    let mut stream = open_raw_stream(endpoint).await?;
    connector_handshake(&mut stream, keys, endpoint.role(), limits.handshake_timeout).await?;
    Ok(Connection::new(
        stream,
        keys.role,
        endpoint.role(),
        limits.frame,
    ))
}
