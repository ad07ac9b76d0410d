use std::path::Path;

#[cfg(unix)]
pub const MODE_BITS_APPLY: bool = true;

#[cfg(windows)]
pub const MODE_BITS_APPLY: bool = false;

#[cfg(unix)]
pub fn mode_of(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .ok()
        .map(|meta| meta.permissions().mode() & 0o7777)
}

#[cfg(windows)]
pub fn mode_of(path: &Path) -> Option<u32> {
    std::fs::metadata(path).ok().map(|_| 0o700)
}

pub const GROUP_OR_OTHER_WRITE: u32 = 0o022;
pub const GROUP_OR_OTHER_ANY: u32 = 0o077;
