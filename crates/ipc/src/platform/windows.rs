use interprocess::local_socket::{GenericNamespaced, Name, ToNsName};

use crate::endpoint::Endpoint;
use crate::error::IpcError;

pub(crate) fn prepare_listen_dir(_endpoint: &Endpoint) -> Result<(), IpcError> {
    Ok(())
}

pub(crate) fn listener_name(endpoint: &Endpoint) -> Result<Name<'static>, IpcError> {
    endpoint
        .pipe_name()
        .to_owned()
        .to_ns_name::<GenericNamespaced>()
        .map_err(|error| IpcError::BindFailed(error.to_string()))
}

pub(crate) fn stream_name(endpoint: &Endpoint) -> Result<Name<'static>, IpcError> {
    endpoint
        .pipe_name()
        .to_owned()
        .to_ns_name::<GenericNamespaced>()
        .map_err(|error| IpcError::ConnectFailed(error.to_string()))
}
