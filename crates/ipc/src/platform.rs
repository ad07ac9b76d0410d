#[cfg(unix)]
#[path = "platform/unix.rs"]
mod imp;

#[cfg(windows)]
#[path = "platform/windows.rs"]
mod imp;

pub(crate) use imp::{listener_name, prepare_listen_dir, stream_name};
