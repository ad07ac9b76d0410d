use interprocess::local_socket::{GenericNamespaced, Name, ToNsName};

use crate::endpoint::Endpoint;
use crate::error::IpcError;

const MAX_PIPE_NAME_CHARS: usize = 240;

pub(crate) fn prepare_listen_dir(endpoint: &Endpoint) -> Result<(), IpcError> {
    let length = endpoint.pipe_name().chars().count();
    if length > MAX_PIPE_NAME_CHARS {
        return Err(IpcError::BindFailed(format!(
            "pipe name {} is {length} chars, the limit is {MAX_PIPE_NAME_CHARS}",
            endpoint.pipe_name()
        )));
    }
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
