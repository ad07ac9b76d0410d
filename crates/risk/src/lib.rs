mod frame;
pub mod rules;

pub use frame::run;
