mod event;
mod event_type;

pub use event::AuditEvent;
pub use event_type::AuditEventType;
