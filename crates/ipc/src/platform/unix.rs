use std::fs::DirBuilder;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use interprocess::local_socket::{GenericFilePath, Name, ToFsName};

use crate::endpoint::Endpoint;
use crate::error::IpcError;

const PRIVATE_DIR_MODE: u32 = 0o700;
const MAX_UNIX_SOCKET_PATH_BYTES: usize = 103;
const GROUP_AND_OTHER_BITS: u32 = 0o077;

pub(crate) fn prepare_listen_dir(endpoint: &Endpoint) -> Result<(), IpcError> {
    let run_dir = endpoint.run_dir();
    if let Some(parent) = run_dir.parent() {
        std::fs::create_dir_all(parent).map_err(|error| run_dir_failed(parent, &error))?;
    }
    match DirBuilder::new().mode(PRIVATE_DIR_MODE).create(run_dir) {
        Ok(()) => {}
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(error) => return Err(run_dir_failed(run_dir, &error)),
    }
    refuse_loose_mode(run_dir)
}

pub(crate) fn refuse_loose_mode(dir: &Path) -> Result<(), IpcError> {
    let metadata = std::fs::symlink_metadata(dir).map_err(|error| run_dir_failed(dir, &error))?;
    let mode = metadata.permissions().mode() & 0o777;
    if !metadata.is_dir() || mode & GROUP_AND_OTHER_BITS != 0 {
        return Err(IpcError::RunDirInsecure {
            path: dir.display().to_string(),
            mode,
        });
    }
    Ok(())
}

fn require_short_path(endpoint: &Endpoint) -> Result<(), String> {
    let length = endpoint.socket_path().as_os_str().len();
    if length > MAX_UNIX_SOCKET_PATH_BYTES {
        return Err(format!(
            "socket path {} is {length} bytes, the limit is {MAX_UNIX_SOCKET_PATH_BYTES}",
            endpoint.socket_path().display()
        ));
    }
    Ok(())
}

pub(crate) fn listener_name(endpoint: &Endpoint) -> Result<Name<'static>, IpcError> {
    require_short_path(endpoint).map_err(IpcError::BindFailed)?;
    endpoint
        .socket_path()
        .to_fs_name::<GenericFilePath>()
        .map(Name::into_owned)
        .map_err(|error| IpcError::BindFailed(error.to_string()))
}

pub(crate) fn stream_name(endpoint: &Endpoint) -> Result<Name<'static>, IpcError> {
    require_short_path(endpoint).map_err(IpcError::ConnectFailed)?;
    refuse_loose_mode(endpoint.run_dir())?;
    endpoint
        .socket_path()
        .to_fs_name::<GenericFilePath>()
        .map(Name::into_owned)
        .map_err(|error| IpcError::ConnectFailed(error.to_string()))
}

fn run_dir_failed(path: &Path, error: &std::io::Error) -> IpcError {
    IpcError::RunDirFailed(format!("{}: {error}", path.display()))
}
