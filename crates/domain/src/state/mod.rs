mod rejected;
mod sys_mode;

pub use rejected::TransitionRejected;
pub use sys_mode::SysMode;
