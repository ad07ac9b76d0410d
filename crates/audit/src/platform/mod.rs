#[cfg(unix)]
mod unix;
#[cfg(unix)]
pub use unix::os_free_bytes;

#[cfg(windows)]
mod windows;
#[cfg(windows)]
pub use windows::os_free_bytes;
