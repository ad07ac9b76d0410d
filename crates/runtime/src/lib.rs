mod args;
mod exit;

pub use args::CommonArgs;
pub use exit::ExitStatus;
