mod frame;

pub use frame::run;
